package nl.kennisveiligheid.screening.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code k8s/base/keycloak/realm-import.yaml}, the Keycloak Operator's KeycloakRealmImport, from
 * the one realm file {@code k8s/base/keycloak/screening-realm.json} (`make k8s-realm`); the
 * deployment test fails when the two differ.
 */
public final class RealmImportWriter {

    static final Path REALM = Path.of("k8s/base/keycloak/screening-realm.json");
    static final Path IMPORT = Path.of("k8s/base/keycloak/realm-import.yaml");

    private RealmImportWriter() {}

    static String render() throws Exception {
        JsonNode realm = new ObjectMapper().readTree(REALM.toFile());
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
);
        ObjectNode resource = yaml.createObjectNode();
        resource.put("apiVersion", "k8s.keycloak.org/v2alpha1");
        resource.put("kind", "KeycloakRealmImport");
        resource.putObject("metadata").put("name", "screening-realm");
        ObjectNode spec = resource.putObject("spec");
        spec.put("keycloakCRName", "keycloak");
        spec.set("realm", realm);
        return "# Generated from screening-realm.json by `make k8s-realm`; do not edit by hand.\n"
                + yaml.writeValueAsString(resource);
    }

    public static void main(String[] args) throws Exception {
        Files.writeString(IMPORT, render());
        System.out.println("wrote " + IMPORT);
    }
}
