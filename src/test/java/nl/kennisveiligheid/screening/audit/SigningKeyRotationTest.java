package nl.kennisveiligheid.screening.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import nl.kennisveiligheid.screening.audit.tree.Checkpoint;
import nl.kennisveiligheid.screening.audit.tree.MerkleTree;
import nl.kennisveiligheid.screening.audit.tree.SignedNote;
import nl.kennisveiligheid.screening.audit.tree.TlogProof;
import nl.kennisveiligheid.screening.support.Tokens;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A key rotation as an operator does it (the new key configured, the old one as previous): the
 * handover is an event on the log signed by the old key, the JWKS shows both keys with their
 * sequences, proofs and checkpoints on either side verify, a consistency proof across the rotation
 * holds, and a verifier that knows only the first key follows the rotation on the log.
 */
@QuarkusTest
class SigningKeyRotationTest {

    static final String ORIGIN = TransparencyLogTest.ORIGIN;

    @Inject
    AuditKeys keys;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "screening.audit.topic")
    String topic;

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> jwks() {
        return given().get("/api/v1/audit/keys").then().statusCode(200).extract().jsonPath().getList("keys");
    }

    static List<SignedNote.NoteKey> noteKeys() {
        List<SignedNote.NoteKey> noteKeys = new ArrayList<>();
        for (Map<String, Object> jwk : jwks()) {
            noteKeys.add(new SignedNote.NoteKey(ORIGIN, Ed25519Jwk.fromX((String) jwk.get("x"))));
        }
        return noteKeys;
    }

    static Checkpoint latest(PublicKey signer) throws SignedNote.Refused {
        return Checkpoint.parse(SignedNote.open(given().get("/api/v1/audit/checkpoint").asString(),
                List.of(new SignedNote.NoteKey(ORIGIN, signer))));
    }

    @Test
    void aRotationIsOnTheLogSignedByTheOldKeyAndProofsAcrossItVerify() throws Exception {
        PublicKey original = keys.publicKey();
        TransparencyLogTest.decisionProof(TransparencyLogTest.decidedCase()).then().statusCode(200);
        Checkpoint before = latest(original);

        KeyPair next = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        KeyPair originalPair = new KeyPair(original, keys.signingKey());
        keys.install(next);
        try {
            String after = TransparencyLogTest.decidedCase();
            Response proof = TransparencyLogTest.decisionProof(after);
            proof.then().statusCode(200);
            long sequence = proof.jsonPath().getLong("sequence");

            List<Map<String, Object>> jwks = jwks();
            Map<String, Object> old = jwks.get(jwks.size() - 2);
            Map<String, Object> current = jwks.get(jwks.size() - 1);
            assertThat(old.get("kid")).isEqualTo(KeySchedule.kid(original));
            assertThat(current.get("kid")).isEqualTo(KeySchedule.kid(next.getPublic()));
            assertThat(current.get("validUntilSequence")).isNull();
            long rotation = ((Number) old.get("validUntilSequence")).longValue();
            assertThat(((Number) current.get("validFromSequence")).longValue()).isEqualTo(rotation + 1)
                    .isLessThanOrEqualTo(sequence);
            given().get("/api/v1/audit/public-key").then().body("kid", org.hamcrest.Matchers.equalTo(current.get("kid")));

            Map<String, Object> rotationEvent = given().auth().oauth2(Tokens.user("auditor1"))
                    .queryParam("sequence", rotation).queryParam("treeSize", rotation)
                    .get("/api/v1/audit/proofs/inclusion").then().statusCode(200).extract().as(Map.class);
            assertThat(rotationEvent.get("leafIndex")).isEqualTo((int) rotation - 1);

            String record = proof.path("record");
            assertThat(TlogProof.parse(proof.path("proof")).verify(record.getBytes(StandardCharsets.UTF_8), ORIGIN,
                    noteKeys()).size()).isGreaterThanOrEqualTo(sequence);
            Checkpoint later = latest(next.getPublic());
            Map<String, Object> consistency = given().auth().oauth2(Tokens.user("auditor1"))
                    .queryParam("from", before.size()).queryParam("to", later.size())
                    .get("/api/v1/audit/proofs/consistency").then().statusCode(200).extract().as(Map.class);
            @SuppressWarnings("unchecked")
            List<byte[]> hashes = ((List<String>) consistency.get("hashes")).stream().map(Base64.getDecoder()::decode).toList();
            assertThat(MerkleTree.verifyConsistency(before.size(), later.size(), before.rootHash(), later.rootHash(), hashes))
                    .as("a checkpoint of the old key and one of the new are consistent").isTrue();

            ChainVerifier fromTheFirstKey = new ChainVerifier(Ed25519Jwk.fromX((String) jwks.get(0).get("x")));
            LogReader.readBatches(Map.of(), bootstrap, topic, fromTheFirstKey::acceptRecords);
            fromTheFirstKey.finish();
            assertThat(fromTheFirstKey.signaturesValid()).as("every event under the key of its sequence").isTrue();
            assertThat(fromTheFirstKey.chainIntact()).isTrue();
            assertThat(fromTheFirstKey.keys().entries()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(fromTheFirstKey.tree().checkpointsValid()).isTrue();

            ChainVerifier withOnlyTheOldKey = new ChainVerifier(original);
            List<String> records = new ArrayList<>();
            LogReader.readBatches(Map.of(), bootstrap, topic, batch -> batch.forEach(b -> records.add(EventSigning.utf8(b))));
            List<String> forged = new ArrayList<>();
            for (String r : records) {
                // A rotation whose signature is not the old key's: the verifier must not follow it.
                forged.add(r.contains("\"type\":\"KEY_ROTATED\"") && r.contains(KeySchedule.kid(next.getPublic()))
                        ? r.replace("\"signature\":\"", "\"signature\":\"A") : r);
            }
            withOnlyTheOldKey.acceptRecords(ChainVerifierTest.bytes(forged));
            withOnlyTheOldKey.finish();
            assertThat(withOnlyTheOldKey.signaturesValid()).isFalse();
        } finally {
            keys.install(originalPair);
            // The relay hands back to the original key; other tests verify with it.
            TransparencyLogTest.decisionProof(TransparencyLogTest.decidedCase()).then().statusCode(200);
        }
        List<Map<String, Object>> jwks = jwks();
        assertThat(jwks.get(jwks.size() - 1).get("kid")).isEqualTo(KeySchedule.kid(original));
    }
}
