package nl.kennisveiligheid.screening.audit;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Anyone may fetch the key that verifies the log's signatures. */
@Path("/api/v1/audit/public-key")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Replay and verification of the decision log")
public class PublicKeyResource {

    @Inject
    AuditKeys keys;

    @GET
    @PermitAll
    @Operation(operationId = "getAuditPublicKey", summary = "The key that verifies the log's signatures",
            description = "The Ed25519 public key as a JWK (kty OKP, crv Ed25519), with which anyone can verify the log.")
    public Map<String, String> publicKey() {
        return Ed25519Jwk.toJwk(keys.publicKey());
    }
}
