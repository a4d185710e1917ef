package nl.kennisveiligheid.screening.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Renders both Kustomize overlays with {@code kubectl kustomize} and checks the invariants operators
 * rely on: a hardened, highly available Deployment, the engines' resources as the design wants them,
 * no secret values anywhere, and the one realm file behind the realm import.
 */
class DeploymentManifestsTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static List<JsonNode> render(String overlay) throws Exception {
        Process process = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/" + overlay).redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("kubectl kustomize k8s/overlays/" + overlay + ":\n" + out).isZero();
        List<JsonNode> docs = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(out)) {
            YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
        }
        return docs;
    }

    static JsonNode one(List<JsonNode> docs, String kind) {
        List<JsonNode> found = docs.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertThat(found).as(kind).hasSize(1);
        return found.get(0);
    }

    @Test
    void productionIsHighlyAvailableHardenedAndHoldsNoSecretValues() throws Exception {
        List<JsonNode> docs = render("production");
        assertThat(docs).extracting(d -> d.path("kind").asText()).doesNotContain("Secret");
        JsonNode deployment = one(docs, "Deployment");
        JsonNode spec = deployment.get("spec");
        assertThat(spec.get("replicas").asInt()).isEqualTo(3);
        assertThat(spec.at("/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
        JsonNode pod = spec.at("/template/spec");
        assertThat(pod.get("automountServiceAccountToken").asBoolean()).isFalse();
        assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
        assertThat(pod.at("/securityContext/runAsUser").asText()).as("the user make image builds into the image")
                .isEqualTo(imageUserId());
        assertThat(pod.get("topologySpreadConstraints").findValuesAsText("topologyKey")).contains("topology.kubernetes.io/zone");
        JsonNode container = pod.get("containers").get(0);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/started");
        assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
        assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();
        assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean()).isFalse();
        assertThat(container.get("volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
        assertThat(pod.get("volumes").findValues("emptyDir")).isNotEmpty();
        for (JsonNode env : container.get("env")) {
            String name = env.get("name").asText();
            if (name.matches(".*(SECRET|PASSWORD|KEY).*")) {
                assertThat(env.has("value")).as(name + " comes from a Secret").isFalse();
                assertThat(env.at("/valueFrom/secretKeyRef/name").isMissingNode()).as(name).isFalse();
            }
        }
        JsonNode settings = docs.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")
                && d.at("/metadata/name").asText().startsWith("screening-config")).findFirst().orElseThrow().get("data");
        assertThat(settings.path("QUARKUS_OIDC_CONSOLE_AUTHENTICATION_COOKIE_FORCE_SECURE").asText()).isEqualTo("true");
        assertThat(settings.path("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING").asText()).isEqualTo("true");
        assertThat(one(docs, "HorizontalPodAutoscaler").at("/spec/minReplicas").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(one(docs, "PodDisruptionBudget").at("/spec/minAvailable").asInt()).isEqualTo(2);
        JsonNode network = one(docs, "NetworkPolicy").get("spec");
        assertThat(network.get("policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(network.get("egress").findValuesAsText("port")).contains("5432", "9093", "8443", "53", "443");
        // Webhooks leave for public https only; the cluster's own and the metadata ranges stay closed.
        assertThat(network.get("egress").findValuesAsText("cidr")).containsExactly("0.0.0.0/0");
        assertThat(network.get("egress").findValue("except").toString()).contains("10.0.0.0/8", "169.254.0.0/16",
                "172.16.0.0/12", "192.168.0.0/16");
        assertThat(network.get("ingress")).hasSize(1);
        assertThat(one(docs, "ServiceMonitor").at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        JsonNode rules = one(docs, "PrometheusRule").at("/spec/groups/0/rules");
        assertThat(rules.findValuesAsText("alert")).contains("ScreeningAuditRelayInactive",
                "ScreeningAuditOutboxBacklogOld", "ScreeningAuditRelayStalled", "ScreeningAuditRelayHalted",
                "ScreeningReadinessDegraded", "ScreeningCasesOverdue", "ScreeningWebhookEndpointsDisabled",
                "ScreeningAuditCheckpointsBehind");
        for (JsonNode rule : rules) {
            // Every alert reads a metric the service exports (HealthAndMetricsTest checks that the service exports it).
            assertThat(rule.get("expr").asText()).contains("screening_");
            assertThat(rule.at("/annotations/runbook").asText()).startsWith("README.md#");
        }

        JsonNode topic = one(docs, "KafkaTopic").get("spec");
        assertThat(topic.get("topicName").asText()).isEqualTo("screening.decisions.v1");
        assertThat(topic.get("replicas").asInt()).isEqualTo(3);
        assertThat(topic.get("partitions").asInt()).isEqualTo(1);
        assertThat(topic.at("/config/min.insync.replicas").asText()).isEqualTo("2");
        assertThat(topic.at("/config/retention.ms").asText()).isEqualTo("-1");
        assertThat(topic.at("/config/cleanup.policy").asText()).isEqualTo("delete");
        JsonNode user = one(docs, "KafkaUser").get("spec");
        assertThat(user.at("/authorization/acls").findValuesAsText("name")).containsOnly("screening.decisions.v1");
        JsonNode cluster = one(docs, "Cluster").get("spec");
        assertThat(cluster.get("instances").asInt()).isEqualTo(3);
        assertThat(cluster.at("/backup/barmanObjectStore/s3Credentials/accessKeyId/name").asText()).isNotEmpty();
        assertThat(cluster.at("/bootstrap/initdb/database").asText()).isEqualTo("screening");

        JsonNode realm = one(docs, "KeycloakRealmImport").at("/spec/realm");
        assertThat(realm.get("clients").findValuesAsText("clientId")).doesNotContain("screening-cli")
                .contains("hr-demo-university", "hr-other-institute", "screening-console");
        assertThat(realm.toString()).doesNotContain("\"credentials\"").doesNotContain("-pw\"")
                .doesNotContain("\"directAccessGrantsEnabled\":true");
        assertThat(realm.get("clients").findValuesAsText("secret")).allMatch(s -> s.startsWith("${"));
        assertThat(one(docs, "KeycloakRealmImport").at("/spec/placeholders").size()).isEqualTo(3);
    }

    @Test
    void localRunsOneReplicaWithTheLocalRealmAsItIs() throws Exception {
        List<JsonNode> docs = render("local");
        assertThat(one(docs, "Deployment").at("/spec/replicas").asInt()).isEqualTo(1);
        JsonNode realm = one(docs, "KeycloakRealmImport").at("/spec/realm");
        assertThat(realm).isEqualTo(new ObjectMapper().readTree(RealmImportWriter.REALM.toFile()));
    }

    @Test
    void theRealmImportIsGeneratedFromTheOneRealmFile() throws Exception {
        assertThat(Files.readString(RealmImportWriter.IMPORT)).as("run `make k8s-realm`")
                .isEqualTo(RealmImportWriter.render());
    }

    @Test
    void thePolicyConfigMapIsTheDefaultPolicyTheServiceShips() throws Exception {
        List<JsonNode> docs = render("production");
        JsonNode configMap = docs.stream().filter(d -> "ConfigMap".equals(d.path("kind").asText())
                        && d.at("/metadata/name").asText().startsWith("screening-default-policy"))
                .findFirst().orElseThrow();
        assertThat(configMap.at("/data/default-policy.yaml").asText())
                .isEqualTo(Files.readString(Path.of("src/main/resources/policy/default-policy.yaml")));
        assertThat(StreamSupport.stream(docs.spliterator(), false).map(d -> d.path("kind").asText()))
                .contains("Deployment", "Service", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy",
                        "ServiceMonitor", "KafkaTopic", "KafkaUser", "Cluster", "Keycloak", "KeycloakRealmImport");
    }

    /** The non-root user id the image is built with (src/local/versions.env, read by make image). */
    static String imageUserId() throws java.io.IOException {
        return java.nio.file.Files.readAllLines(java.nio.file.Path.of("src/local/versions.env")).stream()
                .filter(l -> l.startsWith("IMAGE_USER_ID=")).map(l -> l.substring("IMAGE_USER_ID=".length()).strip())
                .findFirst().orElseThrow();
    }
}
