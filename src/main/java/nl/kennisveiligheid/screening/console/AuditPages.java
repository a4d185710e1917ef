package nl.kennisveiligheid.screening.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.kennisveiligheid.screening.audit.Checkpoints;
import nl.kennisveiligheid.screening.audit.SigningKeys;
import nl.kennisveiligheid.screening.audit.tree.TlogProof;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import nl.kennisveiligheid.screening.replay.ReplayService;

/**
 * What the auditor's pages show, read from the log's own stores: the current checkpoint and keys,
 * the replays and their reports, and one case's events with their inclusion proofs. The same
 * sources as the audit API, so a page never says more or less than curl would.
 */
@ApplicationScoped
public class AuditPages {

    static final int REPLAYS_SHOWN = 20;

    @Inject
    Checkpoints checkpoints;

    @Inject
    SigningKeys signingKeys;

    @Inject
    ReplayService replays;

    /** A signing key as the page lists it: its id, the sequences it signed, and its note verifier key. */
    public record KeyRow(String kid, Object fromSequence, Object untilSequence, Object noteVerifierKey) {}

    public record Overview(String checkpoint, List<KeyRow> keys, List<ReplayService.PastReplay> replays) {}

    /** One event of a case on the log, with the C2SP tlog-proof once a checkpoint covers it (else null). */
    public record EventRow(long sequence, String type, String occurredAt, String hash, String record, String proof) {}

    /** A case an auditor looked up: its id, reference, institution and events; the other matches of a reference. */
    public record CaseLog(UUID id, String reference, String institution, List<EventRow> events, List<CaseMatch> others) {}

    public record CaseMatch(UUID id, String reference, String institution) {}

    @SuppressWarnings("unchecked")
    public Overview overview() throws SQLException {
        List<KeyRow> keys = new ArrayList<>();
        for (Map<String, Object> k : (List<Map<String, Object>>) signingKeys.jwks().get("keys")) {
            keys.add(new KeyRow((String) k.get("kid"), k.get("validFromSequence"), k.get("validUntilSequence"),
                    k.get("noteVerifierKey")));
        }
        return new Overview(checkpoints.latest().map(Checkpoints.Signed::note).orElse(null), keys,
                replays.recent(REPLAYS_SHOWN));
    }

    /**
     * The case named by its id or by an institution's reference. A reference that several institutions
     * use lists them; nothing found is an empty result.
     */
    public List<CaseMatch> find(String idOrReference) {
        String text = idOrReference == null ? "" : idOrReference.strip();
        if (text.isEmpty()) {
            return List.of();
        }
        try {
            ScreeningCase byId = ScreeningCase.findById(UUID.fromString(text));
            return byId == null ? List.of(new CaseMatch(UUID.fromString(text), null, null)) : List.of(match(byId));
        } catch (IllegalArgumentException notAnId) {
            return ScreeningCase.<ScreeningCase>list("externalReference = ?1 order by institution", text).stream()
                    .map(AuditPages::match).toList();
        }
    }

    public CaseLog events(CaseMatch found, List<CaseMatch> others) throws SQLException {
        List<EventRow> rows = new ArrayList<>();
        for (Checkpoints.CaseEventOnLog e : checkpoints.eventsOf(found.id())) {
            rows.add(new EventRow(e.sequence(), e.type(), e.occurredAt(), e.hash(), e.record(),
                    checkpoints.proofOf(e.sequence()).map(TlogProof::text).orElse(null)));
        }
        return new CaseLog(found.id(), found.reference(), found.institution(), rows, others);
    }

    private static CaseMatch match(ScreeningCase c) {
        return new CaseMatch(c.id, c.externalReference, c.institution);
    }
}
