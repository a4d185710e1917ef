package nl.kennisveiligheid.screening.replay;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.kennisveiligheid.screening.audit.AuditOutbox;
import nl.kennisveiligheid.screening.common.CaseStatus;

/**
 * Accounts for every case: what the log says of it (decided, withdrawn, open again after an
 * objection) against what the database says. A decided or withdrawn case must be on the log in that
 * state; an open case need not be on the log yet, but if it is, the log must not call it final; a
 * case on the log must be known to the database. Pure: the log's events and the database's states
 * come in, the differences go out.
 */
public final class Reconciliation {

    /** What the log shows of one case at its end. */
    enum LogState { DECIDED, WITHDRAWN, OPEN }

    /** At most this many case ids are listed per kind of difference; the counts are whole. */
    static final int LISTED = 100;

    private final Map<String, LogState> onLog = new HashMap<>();

    /** The next event of the chain, in log order. */
    void event(String type, String caseId) {
        if (caseId == null || caseId.isEmpty() || "null".equals(caseId)) {
            return;
        }
        switch (type) {
            case AuditOutbox.DECISION_RECORDED, AuditOutbox.OBJECTION_WITHDRAWN -> onLog.put(caseId, LogState.DECIDED);
            case AuditOutbox.CASE_WITHDRAWN -> onLog.put(caseId, LogState.WITHDRAWN);
            case AuditOutbox.OBJECTION_LODGED -> onLog.put(caseId, LogState.OPEN);
            default -> onLog.putIfAbsent(caseId, LogState.OPEN);
        }
    }

    /** Re-screening raised indicators on a case; with an alert, a decided case is open again. */
    void rescreened(String caseId, boolean alert) {
        if (alert) {
            onLog.put(caseId, LogState.OPEN);
        } else {
            onLog.putIfAbsent(caseId, LogState.OPEN);
        }
    }

    /** The result: counts, and the first case ids of each kind of difference. */
    public record Report(long casesInDatabase, long casesOnLog, long notOnLogCount, List<String> notOnLog,
            long notInDatabaseCount, List<String> notInDatabase, long stateDiffersCount, List<String> stateDiffers,
            long inFlight) {

        public boolean reconciled() {
            return notOnLogCount == 0 && notInDatabaseCount == 0 && stateDiffersCount == 0;
        }
    }

    /**
     * Compares with the database's cases ({@code database}: case id to status); {@code inFlight} are
     * cases with events not yet on the topic when the replay began, which are left out.
     */
    Report against(Map<String, CaseStatus> database, java.util.Set<String> inFlight) {
        List<String> notOnLog = new ArrayList<>();
        List<String> stateDiffers = new ArrayList<>();
        List<String> notInDatabase = new ArrayList<>();
        long[] counts = new long[3];
        for (Map.Entry<String, CaseStatus> c : database.entrySet()) {
            if (inFlight.contains(c.getKey())) {
                continue;
            }
            LogState expected = c.getValue() == CaseStatus.WITHDRAWN ? LogState.WITHDRAWN
                    : c.getValue().isDecided() ? LogState.DECIDED : LogState.OPEN;
            LogState found = onLog.get(c.getKey());
            if (found == null) {
                if (expected != LogState.OPEN) {
                    add(notOnLog, counts, 0, c.getKey());
                }
            } else if (found != expected) {
                add(stateDiffers, counts, 1, c.getKey());
            }
        }
        for (String caseId : onLog.keySet()) {
            if (!database.containsKey(caseId) && !inFlight.contains(caseId)) {
                add(notInDatabase, counts, 2, caseId);
            }
        }
        return new Report(database.size(), onLog.size(), counts[0], notOnLog, counts[2], notInDatabase, counts[1],
                stateDiffers, inFlight.size());
    }

    private static void add(List<String> listed, long[] counts, int kind, String caseId) {
        counts[kind]++;
        if (listed.size() < LISTED) {
            listed.add(caseId);
        }
    }
}
