package nl.kennisveiligheid.screening.replay;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An auditor's replay report (DESIGN.md section 7); the field names are a contract. The verdicts
 * ({@code chainIntact}, {@code signaturesValid}, {@code checkpointVerified}, {@code truncated},
 * {@code checkpointsValid}) are null while the replay runs or when it failed. {@code treeSize} and
 * {@code rootHash} are those of the tree rebuilt from the topic; {@code checkpointVerified} says
 * whether it has the trusted checkpoint's root at {@code checkpointTreeSize}, and {@code truncated}
 * whether the log is shorter than that checkpoint; {@code consistencyVerified} whether the service's
 * RFC 9162 consistency proof leads from the trusted checkpoint to the service's latest one. {@code reconciliation} accounts for every case of
 * the database against the log.
 * {@code otherMatchingVersion} counts automated decisions made with other matching rules than this
 * build's, which it does not re-derive (their rules are named on the log, {@code reasons.matchingVersion}).
 */
public record ReplayReport(
        UUID id,
        String status,
        long eventsRead,
        long duplicatesIgnored,
        Boolean chainIntact,
        Long firstBrokenSequence,
        Boolean signaturesValid,
        List<String> policyVersions,
        long rederived,
        List<Mismatch> mismatches,
        long erased,
        long otherMatchingVersion,
        Instant startedAt,
        Instant finishedAt,
        Long treeSize,
        String rootHash,
        Long checkpointTreeSize,
        Boolean checkpointVerified,
        Boolean truncated,
        Long nonCanonicalRecords,
        Long tamperedRedeliveries,
        Long checkpointsOnLog,
        Boolean checkpointsValid,
        Reconciliation.Report reconciliation,
        Boolean consistencyVerified) {

    /** A replay that has no verdict (yet): running, or failed before it could read the log. */
    public static ReplayReport withoutVerdict(UUID id, String status, Instant startedAt, Instant finishedAt) {
        return new ReplayReport(id, status, 0, 0, null, null, null, List.of(), 0, List.of(), 0, 0, startedAt, finishedAt,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** This report with the verdict of the service's consistency proof from the trusted checkpoint to its latest. */
    public ReplayReport withConsistency(Boolean verified) {
        return new ReplayReport(id, status, eventsRead, duplicatesIgnored, chainIntact, firstBrokenSequence,
                signaturesValid, policyVersions, rederived, mismatches, erased, otherMatchingVersion, startedAt, finishedAt,
                treeSize, rootHash, checkpointTreeSize, checkpointVerified, truncated, nonCanonicalRecords,
                tamperedRedeliveries, checkpointsOnLog, checkpointsValid, reconciliation, verified);
    }

    /** An automated decision the replay re-derived differently: expected (re-derived) and found (recorded). */
    public record Mismatch(String caseId, String expected, String found, String reason) {}
}
