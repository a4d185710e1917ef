package nl.kennisveiligheid.screening.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;
import nl.kennisveiligheid.screening.keys.Aead;
import nl.kennisveiligheid.screening.keys.KeyEncryptionKeys;
import nl.kennisveiligheid.screening.keys.KeysConfig;
import nl.kennisveiligheid.screening.support.Requests;
import nl.kennisveiligheid.screening.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * Case keys in the database are wrapped, and rotation moves them to the current key-encryption key
 * so that an older one, and every backup's copy of what it wrapped, can be retired.
 */
@QuarkusTest
class KeyRotationTest {

    private static final String OLD_KEK = "2000-01";

    @Inject
    EntityManager em;

    @Inject
    CaseKeys caseKeys;

    @Inject
    KeyRotation rotation;

    @Inject
    KeyEncryptionKeys keks;

    @Inject
    KeysConfig keysConfig;

    static UUID decidedCase() {
        return UUID.fromString(given().auth().oauth2(Tokens.demoUniversity()).contentType(ContentType.JSON)
                .body(Requests.clean()).post("/api/v1/screenings").then().statusCode(201).extract().path("id"));
    }

    Object[] row(UUID caseId) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select kek_id, wrapped_key, key_bytes from case_key where case_id = ?1").setParameter(1, caseId)
                .getSingleResult());
    }

    void store(UUID caseId, String kekId, byte[] wrapped, byte[] plain) {
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                        "update case_key set kek_id = ?2, wrapped_key = ?3, key_bytes = ?4 where case_id = ?1")
                .setParameter(1, caseId).setParameter(2, kekId).setParameter(3, wrapped).setParameter(4, plain)
                .executeUpdate());
    }

    @Test
    void theDatabaseHoldsOnlyWrappedKeysAndRotationMovesOldOnesToTheCurrentKey() throws Exception {
        UUID wrappedCase = decidedCase();
        UUID legacyCase = decidedCase();
        byte[] key = caseKeys.find(wrappedCase).orElseThrow();
        byte[] legacyKey = caseKeys.find(legacyCase).orElseThrow();
        Object[] stored = row(wrappedCase);
        assertThat(stored[0]).isEqualTo(keks.currentId());
        assertThat((byte[]) stored[1]).hasSize(12 + 32 + 16).isNotEqualTo(key);
        assertThat(Base64.getEncoder().encodeToString((byte[]) stored[1])).doesNotContain(
                Base64.getEncoder().encodeToString(key).substring(0, 16));
        assertThat(stored[2]).isNull();

        // One key under an older key-encryption key, one stored plain as before wrapping existed.
        Path oldKekFile = Path.of(keysConfig.kekDir()).resolve(OLD_KEK);
        byte[] oldKek = Aead.newKey();
        Files.writeString(oldKekFile, Base64.getEncoder().encodeToString(oldKek));
        try {
            store(wrappedCase, OLD_KEK, Aead.seal(oldKek, key, "case-key|" + wrappedCase + "|" + OLD_KEK), null);
            store(legacyCase, null, null, legacyKey);
            assertThat(caseKeys.wrappedPerKek()).containsKey(OLD_KEK).containsKey("unwrapped");

            assertThat(rotation.rotate()).isGreaterThanOrEqualTo(2);

            assertThat(row(wrappedCase)[0]).isEqualTo(keks.currentId());
            assertThat(row(legacyCase)[0]).isEqualTo(keks.currentId());
            assertThat(row(legacyCase)[2]).as("the plain key is gone").isNull();
            assertThat(caseKeys.find(wrappedCase)).contains(key);
            assertThat(caseKeys.find(legacyCase)).contains(legacyKey);
            assertThat(caseKeys.wrappedPerKek()).doesNotContainKey(OLD_KEK).doesNotContainKey("unwrapped");
            // Locally the service destroys a key-encryption key that wraps nothing any more.
            assertThat(oldKekFile).doesNotExist();
            assertThat(keks.available()).doesNotContain(OLD_KEK);
            assertThat(given().get("/q/metrics").then().statusCode(200).extract().asString())
                    .contains("screening_case_keys_wrapped{kek=\"" + keks.currentId() + "\"}");
        } finally {
            Files.deleteIfExists(oldKekFile);
        }
    }
}
