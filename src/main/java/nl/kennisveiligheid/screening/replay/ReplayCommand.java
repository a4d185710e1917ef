package nl.kennisveiligheid.screening.replay;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import nl.kennisveiligheid.screening.audit.ChainVerifier;
import nl.kennisveiligheid.screening.audit.Ed25519Jwk;
import nl.kennisveiligheid.screening.audit.LogReader;
/**
 * The auditor's command line: verifies the log's chain and signatures from Kafka and the public key
 * alone (a JWK file or URL), with no access to the service's database.
 *
 * <pre>make verify-log [BOOTSTRAP=127.0.0.1:9092] [TOPIC=screening.decisions.v1] [KEY=http://127.0.0.1:8080/api/v1/audit/public-key] [SIGNATURE_EVERY=1]</pre>
 *
 * <p>With SIGNATURE_EVERY above 1 only every n-th and the last signature are checked, which the hash
 * chain makes sufficient for the whole log and which is many times faster.
 */
public final class ReplayCommand {

    private ReplayCommand() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String topic = args.length > 1 ? args[1] : "screening.decisions.v1";
        String key = args.length > 2 ? args[2] : "http://127.0.0.1:8080/api/v1/audit/public-key";
        JsonNode jwk = new ObjectMapper().readTree(key.startsWith("http")
                ? HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(key)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()
                : Files.readString(Path.of(key)));
        PublicKey publicKey = Ed25519Jwk.fromX(jwk.get("x").asText());
        int signatureEvery = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        ChainVerifier chain = new ChainVerifier(publicKey, signatureEvery);
        long started = System.nanoTime();
        LogReader.readBatches(java.util.Map.of(), bootstrap, topic, chain::acceptRecords);
        chain.finish();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("events read:          %d%n", chain.eventsRead());
        System.out.printf("duplicates ignored:   %d%n", chain.duplicates());
        System.out.printf("last sequence:        %d%n", chain.lastSequence());
        System.out.printf("chain intact:         %s%s%n", chain.chainIntact(),
                chain.chainIntact() ? "" : " (first broken sequence " + chain.firstBrokenSequence() + ")");
        System.out.printf("signatures valid:     %s%s%n", chain.signaturesValid(),
                chain.signaturesValid() ? "" : " (first bad signature at sequence " + chain.firstBadSignature() + ")");
        System.out.printf("throughput:           %.0f events/s%n", chain.eventsRead() / Math.max(seconds, 1e-9));
        System.exit(chain.chainIntact() && chain.signaturesValid() ? 0 : 1);
    }
}
