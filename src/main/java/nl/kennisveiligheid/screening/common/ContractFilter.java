package nl.kennisveiligheid.screening.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;
import org.eclipse.microprofile.openapi.models.servers.Server;
import org.eclipse.microprofile.openapi.models.servers.ServerVariable;

/**
 * Completes the contract that the annotations describe with what is true of every operation, so that
 * it is said once: who may call it (realm roles), the servers, the licence, the error responses that
 * the framework and {@link ProblemMappers} give (all {@code application/problem+json} against one
 * {@code Problem} schema), and a valid example of every request body.
 *
 * <p>Which errors an operation documents follows from its shape: a secured one can answer 401 and
 * 403, one with a body 400, 413 and 415, one with a path parameter 404, one with query parameters
 * 400, and every one that reads the database 503. A 409 is declared on the operations that can
 * conflict, by annotation, and given its problem body here.
 */
public class ContractFilter implements OASFilter {

    static final String SCHEME = "keycloak";
    /** The realm roles an operation accepts (any of them). */
    static final String ROLES_EXTENSION = "x-realm-roles";
    private static final String PROBLEM = "Problem";
    private static final String PROBLEM_REF = "#/components/schemas/" + PROBLEM;
    private static final String EXAMPLES = "/openapi-examples/";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Status, slug, title and an example detail of every error the contract documents. */
    private record ErrorExample(String slug, String title, String detail, String description) {}

    private static final Map<String, ErrorExample> ERRORS = new LinkedHashMap<>();

    static {
        ERRORS.put("400", new ErrorExample("invalid-request", "Invalid request",
                "The request has 1 invalid field(s).", "The request is invalid; `errors` names each field and why"));
        ERRORS.put("401", new ErrorExample("unauthorized", "Unauthorized",
                "A valid bearer token from the screening realm is required.", "No valid bearer token"));
        ERRORS.put("403", new ErrorExample("forbidden", "Forbidden",
                "This operation needs another role.", "The token lacks the role, or an HR system's token its institution"));
        ERRORS.put("404", new ErrorExample("not-found", "Not found",
                "Case 2f1c1d52-6c1e-4b8e-9a55-1d2f3c4b5a69 was not found.",
                "No such resource (another institution's case is a 404 too)"));
        ERRORS.put("406", new ErrorExample("not-acceptable", "Not acceptable",
                "This resource is served as application/json only.", "The Accept header admits no type served here"));
        ERRORS.put("409", new ErrorExample("conflict", "Conflict",
                "The case is in a state that does not allow this action.", "The action conflicts with the case's state"));
        ERRORS.put("413", new ErrorExample("payload-too-large", "Payload too large",
                "The request body is larger than the service accepts.", "The body exceeds the size limit"));
        ERRORS.put("415", new ErrorExample("unsupported-media-type", "Unsupported media type",
                "Send the body as application/json.", "The body's Content-Type is not accepted here"));
        ERRORS.put("503", new ErrorExample("service-unavailable", "Service unavailable",
                "The database is not reachable; nothing was stored. Try again shortly.",
                "A server this operation needs is away; nothing was stored"));
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        openAPI.getInfo()
                .contact(OASFactory.createContact().name("Screening service team")
                        .url("https://screening.kennisveiligheid.nl/contact").email("screening@kennisveiligheid.nl"))
                .license(OASFactory.createLicense().name("EUPL-1.2").identifier("EUPL-1.2"));
        openAPI.servers(List.of(
                server("http://127.0.0.1:8080", "Local development (make run)", null),
                server("https://{host}", "A deployment; set host to its public address",
                        OASFactory.createServerVariable().defaultValue("screening.kennisveiligheid.nl")
                                .description("The deployment's public host name"))));
        Components components = openAPI.getComponents();
        components.setSecuritySchemes(Map.of(SCHEME, bearerScheme()));
        components.addSchema("FieldError", fieldErrorSchema());
        components.addSchema(PROBLEM, problemSchema());
        openAPI.getPaths().getPathItems().values().forEach(this::complete);
    }

    private void complete(PathItem item) {
        item.getOperations().values().forEach(operation -> {
            List<String> roles = roles(operation);
            describeRoles(operation, roles);
            addErrors(operation, item, !roles.isEmpty());
            addRequestExample(operation);
        });
    }

    /** The roles Quarkus put under the requirement; an operation without them is public and says so. */
    private static List<String> roles(Operation operation) {
        List<String> roles = new ArrayList<>();
        if (operation.getSecurity() != null) {
            for (SecurityRequirement requirement : operation.getSecurity()) {
                List<String> listed = requirement.getScheme(SCHEME);
                if (listed != null) {
                    roles.addAll(listed);
                }
            }
        }
        roles.sort(null);
        if (roles.isEmpty()) {
            operation.setSecurity(new ArrayList<>());
        } else {
            // Roles are not OAuth2 scopes: the requirement asks for a token, and the roles it must carry are
            // named in an extension (and the description) instead of posing as scopes.
            operation.setSecurity(List.of(OASFactory.createSecurityRequirement().addScheme(SCHEME, List.of())));
            operation.addExtension(ROLES_EXTENSION, roles);
        }
        return roles;
    }

    private static void describeRoles(Operation operation, List<String> roles) {
        String who = roles.isEmpty() ? "Public: no token needed."
                : "Realm role" + (roles.size() > 1 ? "s (any of)" : "") + ": "
                        + String.join(", ", roles.stream().map(r -> "`" + r + "`").toList()) + ".";
        String description = operation.getDescription();
        operation.setDescription(description == null || description.isBlank() ? who : description + "\n\n" + who);
    }

    private void addErrors(Operation operation, PathItem item, boolean secured) {
        APIResponses responses = operation.getResponses();
        boolean hasBody = operation.getRequestBody() != null;
        List<Parameter> parameters = new ArrayList<>();
        if (item.getParameters() != null) {
            parameters.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            parameters.addAll(operation.getParameters());
        }
        boolean pathParameter = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        boolean queryParameter = parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY);
        for (Map.Entry<String, ErrorExample> error : ERRORS.entrySet()) {
            String status = error.getKey();
            boolean documented = switch (status) {
                case "400" -> hasBody || queryParameter || responses.hasAPIResponse(status);
                case "401", "403", "503" -> secured;
                case "404" -> pathParameter;
                case "406" -> true;
                case "413", "415" -> hasBody;
                default -> responses.hasAPIResponse(status);
            };
            if (documented) {
                APIResponse existing = responses.getAPIResponse(status);
                String description = existing != null && existing.getDescription() != null
                        && !isFrameworkDefault(existing.getDescription())
                        ? existing.getDescription() : error.getValue().description();
                responses.addAPIResponse(status, problemResponse(status, description, error.getValue()));
            } else if (responses.hasAPIResponse(status)) {
                responses.removeAPIResponse(status);
            }
        }
    }

    /** The descriptions SmallRye writes for the responses it adds itself. */
    private static boolean isFrameworkDefault(String description) {
        return description.equals("Bad Request") || description.equals("Not Authorized")
                || description.equals("Not Allowed");
    }

    private static APIResponse problemResponse(String status, String description, ErrorExample example) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "https://screening.kennisveiligheid.nl/problems/" + example.slug());
        body.put("title", example.title());
        body.put("status", Integer.parseInt(status));
        body.put("detail", example.detail());
        if (status.equals("400")) {
            // Ordered, so that the generated contract is the same on every run (Map.of's order is not).
            Map<String, Object> error = new java.util.LinkedHashMap<>();
            error.put("field", "candidate.dateOfBirth");
            error.put("message", "must be a past date");
            body.put("errors", List.of(error));
        }
        MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))
                .example(body);
        return OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, media));
    }

    /**
     * Every request body whose schema has an example file under {@code openapi-examples/} gets it, in
     * every media type the operation accepts as JSON.
     */
    private void addRequestExample(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        Content content = operation.getRequestBody().getContent();
        for (Map.Entry<String, MediaType> entry : content.getMediaTypes().entrySet()) {
            Schema schema = entry.getValue().getSchema();
            if (schema == null || schema.getRef() == null || !entry.getKey().endsWith("json")) {
                continue;
            }
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            Object example = example(name);
            if (example != null) {
                entry.getValue().setExamples(Map.of("valid", OASFactory.createExample()
                        .summary("A valid " + name).value(example)));
            }
        }
    }

    /** The example body of one schema, or null when there is none. */
    static Object example(String schemaName) {
        try (InputStream in = ContractFilter.class.getResourceAsStream(EXAMPLES + schemaName + ".json")) {
            return in == null ? null : JSON.readValue(in, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable OpenAPI example for " + schemaName, e);
        }
    }

    private static Server server(String url, String description, ServerVariable host) {
        Server server = OASFactory.createServer().url(url).description(description);
        if (host != null) {
            server.addVariable("host", host);
        }
        return server;
    }

    private static SecurityScheme bearerScheme() {
        return OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("""
                        An access token of the Keycloak realm `screening` (discovery: \
                        `<keycloak>/realms/screening/.well-known/openid-configuration`; locally \
                        http://127.0.0.1:8180). HR systems obtain it with the client-credentials grant of their \
                        institution's confidential client; people sign in through Keycloak.

                        What a caller may do is decided by **realm roles**, read from the token's \
                        `realm_access.roles` claim, not by OAuth2 scopes: `hr-system` (an institution's HR system; \
                        its token also carries the `institution` claim), `legal-officer`, `auditor` and \
                        `policy-admin`. Each operation names the roles it accepts (any of them) in its description and \
                        in its `x-realm-roles` extension; a token without one of them gets a 403.""");
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("One invalid input field")
                .addProperty("field", stringSchema("The field's JSON path in the body, or the query parameter's name"))
                .addProperty("message", stringSchema("Why it is invalid"))
                .required(List.of("field", "message"));
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details: the body of every error response")
                .addProperty("type", stringSchema("A URI that identifies the kind of problem").format("uri"))
                .addProperty("title", stringSchema("A short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER))
                        .format("int32").description("The HTTP status code"))
                .addProperty("detail", stringSchema("What went wrong in this occurrence, in words for a person"))
                .addProperty("instance", stringSchema("A URI of this occurrence, when there is one"))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .description("One entry per invalid field (400 only)")
                        .items(OASFactory.createSchema().ref("#/components/schemas/FieldError")))
                .addProperty("errorId", stringSchema("For server faults: the id under which the fault was logged"))
                .required(List.of("type", "title", "status"));
    }

    private static Schema stringSchema(String description) {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(Objects.requireNonNull(description));
    }
}
