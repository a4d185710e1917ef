package nl.kennisveiligheid.screening.replay;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An auditor's replay report (DESIGN.md section 7); the field names are a contract.
 * {@code otherMatchingVersion} counts automated decisions made with other matching rules than this
 * build's, which it does not re-derive (their rules are named on the log, {@code reasons.matchingVersion}).
 */
public record ReplayReport(
        UUID id,
        String status,
        long eventsRead,
        long duplicatesIgnored,
        boolean chainIntact,
        Long firstBrokenSequence,
        boolean signaturesValid,
        List<String> policyVersions,
        long rederived,
        List<Mismatch> mismatches,
        long erased,
        long otherMatchingVersion,
        Instant startedAt,
        Instant finishedAt) {

    /** An automated decision the replay re-derived differently: expected (re-derived) and found (recorded). */
    public record Mismatch(String caseId, String expected, String found, String reason) {}
}
