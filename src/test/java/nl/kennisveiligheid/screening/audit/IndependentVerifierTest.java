package nl.kennisveiligheid.screening.audit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The formats are language-neutral: a short Python verifier (src/test/resources/verifier, standard
 * library and `cryptography`) checks the service's checkpoint and an institution's decision proof
 * with nothing but the keys of the JWKS, and refuses a changed record.
 */
@QuarkusTest
class IndependentVerifierTest {

    record Run(int exit, String out) {}

    static Run python(List<String> args) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", "src/test/resources/verifier/tlog_verify.py"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }

    static boolean pythonWithCryptography() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import cryptography").start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aPythonVerifierChecksTheCheckpointAndADecisionProofWithTheJwksAlone() throws Exception {
        Assumptions.assumeTrue(pythonWithCryptography(), "python3 with the cryptography package is not installed");
        Response proof = TransparencyLogTest.decisionProof(TransparencyLogTest.decidedCase());
        proof.then().statusCode(200);
        List<String> keys = new ArrayList<>();
        for (Map<String, Object> jwk : SigningKeyRotationTest.jwks()) {
            keys.add((String) jwk.get("noteVerifierKey"));
        }
        Path dir = Files.createTempDirectory("tlog");
        Path checkpoint = Files.writeString(dir.resolve("checkpoint.txt"), given().get("/api/v1/audit/checkpoint").asString());
        Path proofFile = Files.writeString(dir.resolve("decision.tlog-proof"), proof.<String>path("proof"));
        Path record = Files.write(dir.resolve("record.json"), proof.<String>path("record").getBytes(StandardCharsets.UTF_8));
        Path changed = Files.write(dir.resolve("changed.json"),
                proof.<String>path("record").replace("\"outcome\":\"", "\"outcome\":\"X").getBytes(StandardCharsets.UTF_8));

        List<String> checkpointArgs = new ArrayList<>(List.of("checkpoint", checkpoint.toString()));
        checkpointArgs.addAll(keys);
        Run checked = python(checkpointArgs);
        assertThat(checked.exit()).as(checked.out()).isZero();
        assertThat(checked.out()).startsWith(TransparencyLogTest.ORIGIN + " ");

        List<String> proofArgs = new ArrayList<>(List.of("proof", proofFile.toString(), record.toString()));
        proofArgs.addAll(keys);
        Run verified = python(proofArgs);
        assertThat(verified.exit()).as(verified.out()).isZero();
        assertThat(verified.out()).startsWith((proof.jsonPath().getLong("sequence") - 1) + " ");

        List<String> changedArgs = new ArrayList<>(List.of("proof", proofFile.toString(), changed.toString()));
        changedArgs.addAll(keys);
        Run refused = python(changedArgs);
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.out()).contains("NOT VERIFIED");

        Run otherKey = python(List.of("checkpoint", checkpoint.toString(), SOMEONE_ELSE));
        assertThat(otherKey.exit()).as("a checkpoint is not trusted under another key").isEqualTo(1);
    }

    /** A verifier key of someone else: the example key of Go's note package. */
    static final String SOMEONE_ELSE = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
}
