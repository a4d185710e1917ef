package nl.kennisveiligheid.screening.webhooks;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * Server-side request forgery: a webhook URL must name a public host over https. Refused are
 * loopback (except http to loopback in local mode), unspecified, link-local (the cloud metadata
 * address 169.254.169.254 among them), private (RFC 1918, unique-local IPv6), carrier-grade NAT and
 * multicast addresses, checked on every address the name resolves to, when subscribing and again
 * before every delivery (a name may be rebound to an inside address after it was checked).
 */
public final class EndpointGuard {

    /** Name resolution, replaceable in a unit test. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowLoopback;
    private final Resolver resolver;

    public EndpointGuard(boolean allowLoopback, Resolver resolver) {
        this.allowLoopback = allowLoopback;
        this.resolver = resolver;
    }

    /** Why the URL may not be called, or empty when it may. */
    public Optional<String> refusal(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return Optional.of("must be an https URL");
        }
        if (url.getRawUserInfo() != null) {
            return Optional.of("must not carry a user name or password");
        }
        if (url.getHost() == null || url.getHost().isBlank()) {
            return Optional.of("must name a host");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(url.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("names a host that does not resolve");
        }
        if (addresses.length == 0) {
            return Optional.of("names a host that does not resolve");
        }
        boolean allLoopback = true;
        for (InetAddress address : addresses) {
            if (address.isLoopbackAddress()) {
                if (!allowLoopback) {
                    return Optional.of("resolves to a loopback address");
                }
                continue;
            }
            allLoopback = false;
            Optional<String> inside = inside(address);
            if (inside.isPresent()) {
                return inside;
            }
        }
        if (scheme.equals("http") && !allLoopback) {
            return Optional.of("must be an https URL (http only to loopback, in local mode)");
        }
        return Optional.empty();
    }

    private static Optional<String> inside(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return Optional.of("resolves to the unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("resolves to a link-local address (such as a cloud metadata service)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("resolves to a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("resolves to a multicast address");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0 || (first == 100 && second >= 64 && second <= 127) || first >= 240) {
                return Optional.of("resolves to a reserved or shared address");
            }
        }
        if (address instanceof Inet6Address && (b[0] & 0xfe) == 0xfc) {
            return Optional.of("resolves to a private (unique-local) address");
        }
        return Optional.empty();
    }
}
