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
 * The auditor's command line: verifies the log's chain, signatures, canonical bytes and Merkle tree
 * from Kafka, the public key (a JWK file or URL) and a trusted checkpoint (a signed-note file an
 * auditor kept, or the service's latest by URL), with no access to the service's database. It fails
 * when the log is shorter than the checkpoint, has another root at its size, or any check fails.
 *
 * <pre>make verify-log [BOOTSTRAP=127.0.0.1:9092] [TOPIC=screening.decisions.v1] [KEY=http://127.0.0.1:8080/api/v1/audit/keys] [SIGNATURE_EVERY=1] [CHECKPOINT=http://127.0.0.1:8080/api/v1/audit/checkpoint]</pre>
 *
 * <p>With SIGNATURE_EVERY above 1 only every n-th and the last signature are checked, which the hash
 * chain makes sufficient for the whole log and which is many times faster.
 */
public final class ReplayCommand {

    private ReplayCommand() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        String topic = args.length > 1 ? args[1] : "screening.decisions.v1";
        String key = args.length > 2 ? args[2] : "http://127.0.0.1:8080/api/v1/audit/keys";
        JsonNode jwk = new ObjectMapper().readTree(fileOrUrl(key));
        if (jwk.has("keys")) {
            // A JWKS of the log's keys: start from the first; the log's own KEY_ROTATED events lead to the others.
            JsonNode first = null;
            for (JsonNode k : jwk.get("keys")) {
                if (first == null || k.path("validFromSequence").asLong() < first.path("validFromSequence").asLong()) {
                    first = k;
                }
            }
            jwk = first;
        }
        PublicKey publicKey = Ed25519Jwk.fromX(jwk.get("x").asText());
        int signatureEvery = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        ChainVerifier chain = new ChainVerifier(publicKey, signatureEvery);
        String checkpoint = args.length > 4 ? args[4] : "http://127.0.0.1:8080/api/v1/audit/checkpoint";
        chain.tree().trust(fileOrUrl(checkpoint));
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
        var tree = chain.tree();
        System.out.printf("non-canonical records: %d%n", chain.nonCanonicalRecords());
        System.out.printf("tampered redeliveries: %d%n", chain.tamperedRedeliveries());
        System.out.printf("tree size:            %d%n", tree.size());
        System.out.printf("root hash:            %s%n", java.util.Base64.getEncoder().encodeToString(tree.root()));
        System.out.printf("checkpoints on log:   %d verified%s%n", tree.checkpointsVerified(),
                tree.checkpointsValid() ? "" : " (first failing at tree size " + tree.firstBadCheckpoint() + ")");
        System.out.printf("trusted checkpoint:   size %d, %s%n", tree.trustedSize(),
                tree.truncated() ? "LOG TRUNCATED: shorter than the checkpoint"
                        : tree.trustedCheckpointVerified() ? "verified" : "ANOTHER ROOT at its size");
        System.out.printf("signing keys:         %d (rotations followed on the log)%n", chain.keys().entries().size());
        System.out.printf("throughput:           %.0f events/s%n", chain.eventsRead() / Math.max(seconds, 1e-9));
        boolean whole = chain.chainIntact() && chain.signaturesValid() && chain.nonCanonicalRecords() == 0
                && chain.tamperedRedeliveries() == 0 && tree.checkpointsValid() && tree.trustedCheckpointVerified();
        System.exit(whole ? 0 : 1);
    }

    private static String fileOrUrl(String location) throws Exception {
        if (location.startsWith("http")) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(location)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(location + " answered " + response.statusCode());
            }
            return response.body();
        }
        return Files.readString(Path.of(location));
    }
}
