package nl.kennisveiligheid.screening.support;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local Keycloak's admin API, with the bootstrap admin the Makefile starts it with (admin/admin,
 * local development only), for tests that change the realm the way an operator would. Clients it
 * creates are deleted when it is closed.
 */
public final class KeycloakAdmin implements AutoCloseable {

    private final String base;
    private final String token;
    private final List<String> createdClients = new ArrayList<>();

    private KeycloakAdmin(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public static KeycloakAdmin local() {
        String realmUrl = Tokens.realmUrl();
        String base = realmUrl.substring(0, realmUrl.indexOf("/realms/"));
        String token = given().formParams(Map.of("grant_type", "password", "client_id", "admin-cli",
                        "username", "admin", "password", "admin"))
                .post(base + "/realms/master/protocol/openid-connect/token").then().statusCode(200)
                .extract().path("access_token");
        return new KeycloakAdmin(base, token);
    }

    /** A confidential client with a service account (secret '{clientId}-secret') holding one realm role. */
    public void serviceAccountClientWithRealmRole(String clientId, String role, String institution) {
        String admin = base + "/admin/realms/screening";
        String location = given().auth().oauth2(token).contentType("application/json").body(Map.of(
                        "clientId", clientId, "enabled", true, "publicClient", false, "secret", clientId + "-secret",
                        "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                        "protocolMappers", List.of(Map.of("name", "institution", "protocol", "openid-connect",
                                "protocolMapper", "oidc-hardcoded-claim-mapper", "config", Map.of(
                                        "claim.name", "institution", "claim.value", institution,
                                        "jsonType.label", "String", "access.token.claim", "true")))))
                .post(admin + "/clients").then().statusCode(201).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);
        createdClients.add(id);
        String user = given().auth().oauth2(token).get(admin + "/clients/" + id + "/service-account-user")
                .then().statusCode(200).extract().path("id");
        Map<String, Object> roleRepresentation = given().auth().oauth2(token).get(admin + "/roles/" + role)
                .then().statusCode(200).extract().as(Map.class);
        given().auth().oauth2(token).contentType("application/json").body(List.of(roleRepresentation))
                .post(admin + "/users/" + user + "/role-mappings/realm").then().statusCode(204);
    }

    @Override
    public void close() {
        for (String id : createdClients) {
            given().auth().oauth2(token).delete(base + "/admin/realms/screening/clients/" + id).then().statusCode(204);
        }
    }
}
