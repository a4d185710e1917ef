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

    private PrivateKey signingKey;
    private PublicKey publicKey;
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
            pseudonymKey = config.pseudonymKey().map(k -> Base64.getDecoder().decode(k))
                    .orElseGet(() -> loadOrGenerate(keyDir.resolve("pseudonym.key"), 32));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("audit keys are not readable", e);
        }
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
