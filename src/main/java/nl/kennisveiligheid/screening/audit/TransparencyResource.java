package nl.kennisveiligheid.screening.audit;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.ProblemException;
import nl.kennisveiligheid.screening.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The log as a transparency log (RFC 9162, C2SP): its signed checkpoints for anyone, and the proofs
 * that an event is in it and that a later tree extends an earlier one, for auditors.
 */
@Path("/api/v1/audit")
@Tag(name = "audit", description = "Replay and verification of the decision log")
public class TransparencyResource {

    @Inject
    Checkpoints checkpoints;

    @Inject
    TreeProofs proofs;

    @GET
    @Path("/checkpoint")
    @PermitAll
    @Produces("text/plain; charset=utf-8")
    @Operation(operationId = "getCheckpoint", summary = "The log's latest signed checkpoint, or the one of a given size",
            description = "A C2SP tlog-checkpoint (origin, tree size, base64 root hash of the RFC 9162 tree over the "
                    + "topic's records) signed as a C2SP signed-note with Ed25519 under the origin as key name. "
                    + "Anyone may fetch it; verify it with the key of `/api/v1/audit/public-key`.")
    public String checkpoint(@Parameter(description = "The tree size of a past checkpoint; absent: the latest")
            @QueryParam("treeSize") String treeSize) throws SQLException {
        if (treeSize == null) {
            return checkpoints.latest().orElseThrow(() -> ProblemException.notFound("A checkpoint")).note();
        }
        if (!treeSize.matches("0|[1-9][0-9]{0,17}")) {
            throw new InvalidInputException("treeSize", "must be a whole number from 0");
        }
        long size = Long.parseLong(treeSize);
        return checkpoints.at(size).orElseThrow(() -> ProblemException.notFound("A checkpoint of tree size " + size)).note();
    }

    /** An RFC 9162 inclusion proof, as the contract names it. */
    public record InclusionProof(long leafIndex, long treeSize, List<String> hashes) {}

    /** An RFC 9162 consistency proof. */
    public record ConsistencyProof(long from, long to, List<String> hashes) {}

    @GET
    @Path("/proofs/inclusion")
    @RolesAllowed(Roles.AUDITOR)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getInclusionProof", summary = "Proof that the event of a sequence is in the tree of a size",
            description = "RFC 9162 section 2.1.3: the hashes from the leaf's sibling up to the root's child. Leaf "
                    + "`sequence - 1` is the record of that sequence as it is on the topic.")
    public Uni<InclusionProof> inclusion(@QueryParam("sequence") String sequence, @QueryParam("treeSize") String treeSize) {
        long n = positive("sequence", sequence);
        long m = positive("treeSize", treeSize);
        return answer(m, () -> {
            withinLog("treeSize", m);
            if (n > m) {
                throw new InvalidInputException("sequence", "must not exceed treeSize");
            }
            return new InclusionProof(n - 1, m, base64(proofs.inclusionProof(n, m)));
        });
    }

    @GET
    @Path("/proofs/consistency")
    @RolesAllowed(Roles.AUDITOR)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getConsistencyProof", summary = "Proof that the tree of one size is a prefix of the tree of a larger one",
            description = "RFC 9162 section 2.1.4. With two checkpoints it shows that nothing logged before the first "
                    + "was changed or removed by the time of the second.")
    public Uni<ConsistencyProof> consistency(@QueryParam("from") String from, @QueryParam("to") String to) {
        long m1 = positive("from", from);
        long m2 = positive("to", to);
        return answer(m2, () -> {
            withinLog("to", m2);
            if (m1 > m2) {
                throw new InvalidInputException("from", "must not exceed to");
            }
            return new ConsistencyProof(m1, m2, base64(proofs.consistencyProof(m1, m2)));
        });
    }

    /** A proof's work, which may read the database. */
    @FunctionalInterface
    private interface ProofWork<T> {
        T get() throws SQLException;
    }

    /**
     * Answers on the event loop when the tree of {@code size} is held in memory (no query, so nothing
     * blocks), and on a worker otherwise.
     */
    private <T> Uni<T> answer(long size, ProofWork<T> work) {
        Uni<T> answer = Uni.createFrom().emitter(emitter -> {
            try {
                emitter.complete(work.get());
            } catch (SQLException | RuntimeException e) {
                emitter.fail(e);
            }
        });
        return proofs.answersFromMemory(size) ? answer : answer.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** One case's events on the log, for an auditor accounting for it. */
    public record CaseEvents(String caseId, List<Checkpoints.CaseEventOnLog> events) {}

    @GET
    @Path("/cases/{id}/events")
    @RolesAllowed(Roles.AUDITOR)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getCaseLogEvents", summary = "One case's events on the log, in log order",
            description = "Each with its `sequence`, `type`, `occurredAt`, `hash` and the `record` exactly as on the "
                    + "topic, for an inclusion proof at `/api/v1/audit/proofs/inclusion`. A case id the log does not "
                    + "know gives an empty list.")
    public CaseEvents caseEvents(@jakarta.ws.rs.PathParam("id") java.util.UUID id) throws SQLException {
        return new CaseEvents(id.toString(), checkpoints.eventsOf(id));
    }

    private void withinLog(String field, long size) throws SQLException {
        if (!proofs.holds(size)) {
            throw new InvalidInputException(field, "must not exceed the log's size");
        }
    }

    static long positive(String field, String value) {
        if (value == null || !value.matches("[1-9][0-9]{0,17}")) {
            throw new InvalidInputException(field, "must be a whole number from 1");
        }
        return Long.parseLong(value);
    }

    static List<String> base64(List<byte[]> hashes) {
        return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
    }
}
