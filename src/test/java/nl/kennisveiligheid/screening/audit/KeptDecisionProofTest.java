package nl.kennisveiligheid.screening.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.kennisveiligheid.screening.audit.tree.Checkpoint;
import nl.kennisveiligheid.screening.audit.tree.SignedNote;
import nl.kennisveiligheid.screening.audit.tree.TlogProof;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What an institution kept: a decision's record, its tlog-proof and the log's JWKS, saved from a
 * service on 2026-11-29 that no longer runs. They verify offline, with no service, no database and no
 * broker, in Java and in the independent Python verifier; a changed record does not.
 */
class KeptDecisionProofTest {

    static final Path KEPT = Path.of("src/test/resources/verifier/kept");

    static List<SignedNote.NoteKey> keysOfTheJwks() throws Exception {
        List<SignedNote.NoteKey> keys = new ArrayList<>();
        for (JsonNode jwk : new ObjectMapper().readTree(KEPT.resolve("keys.json").toFile()).get("keys")) {
            keys.add(SignedNote.NoteKey.parse(jwk.get("noteVerifierKey").asText()));
            assertThat(keys.get(keys.size() - 1).publicKey()).isEqualTo(Ed25519Jwk.fromX(jwk.get("x").asText()));
        }
        return keys;
    }

    @Test
    void aKeptDecisionProofVerifiesWithoutTheService() throws Exception {
        TlogProof proof = TlogProof.parse(Files.readString(KEPT.resolve("decision.tlog-proof")));
        byte[] record = Files.readAllBytes(KEPT.resolve("record.json"));
        Checkpoint checkpoint = proof.verify(record, TransparencyLogTest.ORIGIN, keysOfTheJwks());
        assertThat(checkpoint.size()).isEqualTo(2);
        assertThat(proof.index()).isEqualTo(1);
        assertThat(new String(record, StandardCharsets.UTF_8)).contains("\"type\":\"DECISION_RECORDED\"")
                .contains("\"sequence\":2,");

        byte[] changed = new String(record, StandardCharsets.UTF_8).replace("\"outcome\":\"CLEARED\"",
                "\"outcome\":\"REFUSED\"").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> proof.verify(changed, TransparencyLogTest.ORIGIN, keysOfTheJwks()))
                .isInstanceOf(SignedNote.Refused.class);
    }

    @Test
    void thePythonVerifierAgreesOffline() throws Exception {
        Assumptions.assumeTrue(IndependentVerifierTest.pythonWithCryptography(),
                "python3 with the cryptography package is not installed");
        List<String> args = new ArrayList<>(List.of("proof", KEPT.resolve("decision.tlog-proof").toString(),
                KEPT.resolve("record.json").toString()));
        for (SignedNote.NoteKey key : keysOfTheJwks()) {
            args.add(key.verifierKey());
        }
        IndependentVerifierTest.Run run = IndependentVerifierTest.python(args);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).isEqualTo("1 2");
    }
}
