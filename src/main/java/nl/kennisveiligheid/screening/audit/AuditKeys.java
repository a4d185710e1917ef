package nl.kennisveiligheid.screening.audit;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The log's signing key (Ed25519) and the linking key (HMAC-SHA256 of the database's link between one
 * person's cases; the log's pseudonyms are keyed per case). In production both
 * come from configuration (Kubernetes Secrets through the environment); locally they are generated
 * on first start into the git-ignored key folder, so a developer never handles them.
 */
@ApplicationScoped
public class AuditKeys {

    private static final Logger LOG = Logger.getLogger(AuditKeys.class);

    @Inject
    AuditConfig config;

    private volatile PrivateKey signingKey;
    private volatile PublicKey publicKey;
    /** The key that signed before the current one, kept until the relay has recorded the rotation. */
    private volatile KeyPair previous;
    private byte[] pseudonymKey;

    @PostConstruct
    void load() {
        try {
            Optional<String> signingKeyBase64 = config.signingKey();
            Optional<String> publicKeyBase64 = config.signingPublicKey();
            Path keyDir = Path.of(config.keyDir());
            if (signingKeyBase64.isPresent() && publicKeyBase64.isPresent()) {
                KeyFactory factory = KeyFactory.getInstance("Ed25519");
                signingKey = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(signingKeyBase64.get())));
                publicKey = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64.get())));
            } else {
                loadOrGenerateSigningKeys(keyDir);
            }
            previous = previousPair(keyDir);
            pseudonymKey = config.pseudonymKey().map(k -> Base64.getDecoder().decode(k))
                    .orElseGet(() -> loadOrGenerate(keyDir.resolve("pseudonym.key"), 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("audit keys are not readable", e);
        }
    }

    /**
     * The key pair that signed the log before the current one: from configuration in production
     * ({@code screening.audit.previous-signing-key} and {@code previous-signing-public-key}), or, locally,
     * the files a developer renamed to {@code previous-signing-ed25519.*} before restarting.
     */
    private KeyPair previousPair(Path dir) throws GeneralSecurityException {
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        if (config.previousSigningKey().isPresent() && config.previousSigningPublicKey().isPresent()) {
            return new KeyPair(
                    factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(config.previousSigningPublicKey().get()))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(config.previousSigningKey().get()))));
        }
        Path privateFile = dir.resolve("previous-signing-ed25519.pk8");
        Path publicFile = dir.resolve("previous-signing-ed25519.x509");
        if (Files.exists(privateFile) && Files.exists(publicFile)) {
            return new KeyPair(factory.generatePublic(new X509EncodedKeySpec(read(publicFile))),
                    factory.generatePrivate(new PKCS8EncodedKeySpec(read(privateFile))));
        }
        return null;
    }

    /**
     * Makes {@code next} the signing key and the current one the previous: what a restart with a
     * rotated configuration does, for a running service (tests, and an operator's tooling).
     */
    public synchronized void install(KeyPair next) {
        previous = new KeyPair(publicKey, signingKey);
        signingKey = next.getPrivate();
        publicKey = next.getPublic();
    }

    /** The pair that signed before the current one, if it is configured. */
    java.util.Optional<KeyPair> previous() {
        return java.util.Optional.ofNullable(previous);
    }

    /** The private key of {@code kid}, if it is the current or the previous key. */
    java.util.Optional<PrivateKey> privateKeyOf(String kid) {
        if (KeySchedule.kid(publicKey).equals(kid)) {
            return java.util.Optional.of(signingKey);
        }
        KeyPair before = previous;
        if (before != null && KeySchedule.kid(before.getPublic()).equals(kid)) {
            return java.util.Optional.of(before.getPrivate());
        }
        return java.util.Optional.empty();
    }

    private void loadOrGenerateSigningKeys(Path dir) throws GeneralSecurityException {
        Path privateFile = dir.resolve("signing-ed25519.pk8");
        Path publicFile = dir.resolve("signing-ed25519.x509");
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        if (!Files.exists(privateFile)) {
            requireGeneration(privateFile);
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            write(privateFile, pair.getPrivate().getEncoded());
            write(publicFile, pair.getPublic().getEncoded());
            LOG.infof("Generated a local audit signing key in %s", dir);
        }
        signingKey = factory.generatePrivate(new PKCS8EncodedKeySpec(read(privateFile)));
        publicKey = factory.generatePublic(new X509EncodedKeySpec(read(publicFile)));
    }

    private byte[] loadOrGenerate(Path file, int length) {
        if (!Files.exists(file)) {
            requireGeneration(file);
            byte[] key = new byte[length];
            new SecureRandom().nextBytes(key);
            write(file, key);
        }
        return read(file);
    }

    private void requireGeneration(Path file) {
        if (!config.generateKeys()) {
            throw new IllegalStateException("audit key missing and generation disabled: " + file.getFileName()
                    + " (set SCREENING_AUDIT_SIGNING_KEY, SCREENING_AUDIT_SIGNING_PUBLIC_KEY and SCREENING_AUDIT_PSEUDONYM_KEY)");
        }
    }

    private static synchronized void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "key", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(tmp, bytes);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public PrivateKey signingKey() {
        return signingKey;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public byte[] pseudonymKey() {
        return pseudonymKey.clone();
    }
}
