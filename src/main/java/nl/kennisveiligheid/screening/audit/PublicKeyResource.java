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

/** Anyone may fetch the keys that verify the log's signatures: the current one, and all with their periods. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit", description = "Replay and verification of the decision log")
public class PublicKeyResource {

    @Inject
    AuditKeys keys;

    @Inject
    SigningKeys signingKeys;

    @GET
    @Path("/public-key")
    @PermitAll
    @Operation(operationId = "getAuditPublicKey", summary = "The key that verifies the log's signatures",
            description = "The Ed25519 public key as a JWK (kty OKP, crv Ed25519), with which anyone can verify the log.")
    public Map<String, String> publicKey() {
        return Ed25519Jwk.toJwk(keys.publicKey());
    }

    @GET
    @Path("/keys")
    @PermitAll
    @Operation(operationId = "getAuditKeys", summary = "Every key that has signed the log, with the sequences it signed",
            description = "A JWKS (RFC 7517) of the log's current and past Ed25519 keys, each with its `kid`, "
                    + "`validFromSequence` and `validUntilSequence` (null for the key that signs now). A rotation is an "
                    + "event on the log (KEY_ROTATED), signed by the old key, that names the new key; each event and "
                    + "checkpoint verifies under the key valid at its sequence.")
    public Map<String, Object> keys() throws java.sql.SQLException {
        return signingKeys.jwks();
    }
}
