package nl.kennisveiligheid.screening.privacy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import nl.kennisveiligheid.screening.cases.CaseHistory;
import nl.kennisveiligheid.screening.cases.InformationRequest;
import nl.kennisveiligheid.screening.cases.ScreeningCase;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.decision.Decision;

/**
 * One JSON document with everything the service holds on a case, and the information GDPR art. 15(1)
 * requires with it. Officers appear by role, never by name or id: the export is for the candidate.
 */
final class CaseExport {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CaseExport() {}

    static ObjectNode of(ScreeningCase c, List<Decision> decisions, List<CaseHistory> history,
            List<InformationRequest> questions, ArrayNode logEvents, Instant exportedAt) {
        ObjectNode export = JSON.objectNode();
        export.put("exportedAt", exportedAt.toString());
        ObjectNode kase = export.putObject("case");
        kase.put("id", c.id.toString());
        kase.put("institution", c.institution);
        kase.put("externalReference", c.externalReference);
        kase.put("status", c.status.name());
        kase.put("receivedAt", c.receivedAt.toString());
        kase.put("decisionDue", c.decisionDue.toString());
        kase.put("updatedAt", c.updatedAt.toString());
        kase.put("policyVersion", c.policyVersion);
        kase.put("extensionReason", c.extensionReason);
        kase.put("objectionGrounds", c.objectionGrounds);
        kase.put("objectionReceivedAt", text(c.objectionReceivedAt));
        kase.put("lateObjectionGrounds", c.lateObjectionGrounds);
        kase.put("lateObjectionReceivedAt", text(c.lateObjectionReceivedAt));
        kase.put("retentionKind", c.retentionKind);
        kase.put("retentionEndsAt", text(c.retentionEndsAt));
        kase.put("erasedAt", text(c.erasedAt));
        export.set("request", json(c.request));
        export.set("assessment", json(c.assessment));
        ArrayNode decisionList = export.putArray("decisions");
        for (Decision d : decisions) {
            ObjectNode node = decisionList.addObject();
            node.put("id", d.id.toString());
            node.put("kind", d.kind);
            node.put("outcome", d.outcome);
            node.put("decidedAt", d.decidedAt.toString());
            node.put("decidedBy", Decision.KIND_AUTOMATED.equals(d.kind) ? "automated" : "legal-officer");
            node.put("reasoning", d.reasoning);
            node.set("conditions", json(d.conditions));
            node.put("policyVersion", d.policyVersion);
            node.put("supersedes", d.supersedes == null ? null : d.supersedes.toString());
        }
        ArrayNode historyList = export.putArray("history");
        for (CaseHistory h : history) {
            ObjectNode node = historyList.addObject();
            node.put("at", h.at.toString());
            node.put("action", h.action.name());
            node.put("by", role(h));
            node.put("fromStatus", h.fromStatus == null ? null : h.fromStatus.name());
            node.put("toStatus", h.toStatus == null ? null : h.toStatus.name());
            node.put("reasoning", h.reasoning);
        }
        ArrayNode questionList = export.putArray("informationRequests");
        for (InformationRequest q : questions) {
            ObjectNode node = questionList.addObject();
            node.put("question", q.question);
            node.put("replyBy", q.replyBy.toString());
            node.put("askedAt", q.askedAt.toString());
            node.put("answer", q.answer);
            node.put("closedAt", text(q.closedAt));
            node.put("state", q.state);
        }
        export.set("logEvents", logEvents);
        export.set("information", information(c));
        return export;
    }

    /** What art. 15(1)(a)-(h) says the data subject is told besides the data itself. */
    private static ObjectNode information(ScreeningCase c) {
        ObjectNode info = JSON.objectNode();
        info.put("purposes", "Screening under the knowledge-security framework (kennisveiligheid) of whether the "
                + "candidate may work in a sensitive technology area at the institution.");
        info.put("categories", "Identity (name, date of birth, nationalities, residence), the position, the research "
                + "description and keywords, earlier affiliations and funders, and the decisions and correspondence on them.");
        info.put("recipients", "The institution that posted the request; the screening authority's legal officers; "
                + "auditors, who see the decision log with the candidate as a pseudonym and the data encrypted.");
        info.put("storagePeriod", c.retentionEndsAt == null
                ? "Until the case is decided or withdrawn, then the policy's retention period."
                : "Until " + c.retentionEndsAt + ", then erased.");
        info.put("rights", "Rectification (art. 16), erasure (art. 17), restriction (art. 18) and objection (art. 21) "
                + "through the privacy officer; a complaint to the Autoriteit Persoonsgegevens (art. 77).");
        info.put("source", "The institution " + c.institution + ", from the candidate's application.");
        info.put("automatedDecisionMaking", "Requests outside the policy's scope or without risk indicators are decided "
                + "automatically by the published policy " + c.policyVersion + "; every other request is decided by "
                + "legal officers. The reasoning is in the decisions above.");
        return info;
    }

    private static String role(CaseHistory h) {
        if (h.actor.startsWith("institution:")) {
            return "institution";
        }
        if ("automated".equals(h.actor)) {
            return "automated";
        }
        return h.action.name().startsWith("PERSONAL_DATA_") ? "privacy-officer" : "legal-officer";
    }

    private static JsonNode json(String stored) {
        return stored == null ? JSON.nullNode() : CanonicalJson.read(stored, new TypeReference<JsonNode>() {});
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
