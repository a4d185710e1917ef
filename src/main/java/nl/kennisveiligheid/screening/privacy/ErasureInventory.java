package nl.kennisveiligheid.screening.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every column of the schema and every member of the stored request and assessment, with what
 * erasure does to it. {@link CaseErasure} builds its statements from this list, and a test compares
 * it with {@code information_schema}, so a column that can hold personal data cannot be added
 * without deciding what happens to it.
 */
public final class ErasureInventory {

    /** What erasure does to a column or member. */
    public enum Treatment {
        /** The case's rows are deleted. */
        DELETED,
        /** Set to null. */
        NULLED,
        /** Replaced by a fixed value that says nothing of the old one. */
        REPLACED,
        /** The stored JSON is rewritten without the members that quote the request. */
        REDACTED,
        /** A key: deleted, which makes everything it encrypted unreadable (crypto-shredding). */
        SHREDDED,
        /** Ciphertext or a MAC under the case key: unreadable and unconfirmable once the key is shredded. */
        ENCRYPTED,
        /** Not personal data of the candidate: kept, for the reason given. */
        KEPT
    }

    /**
     * One column. {@code erasedValue} is the SQL expression that replaces it (for NULLED and
     * REPLACED); {@code onlyWhere} narrows the rows, when only some of a case's rows hold free text.
     */
    public record Column(String table, String column, Treatment treatment, String erasedValue, String onlyWhere,
            String why) {}

    /** One member of a stored JSON document, as a path with {@code *} for array elements. */
    public record Member(String document, String path, Treatment treatment, String why) {}

    private static final List<Column> COLUMNS = new ArrayList<>();
    private static final List<Member> MEMBERS = new ArrayList<>();

    private static final String CASE_FACT = "a fact of the case, not of the person (status, dates, policy)";
    private static final String STAFF = "an officer's work record: the officers' own data, under the authority's records policy";
    private static final String OFFICER_TEXT = "kind <> 'AUTOMATED'";

    static {
        // screening_case: the request, what quotes it, and every free text of the workflow.
        kept("screening_case", CASE_FACT, "id", "institution", "status", "policy_version", "policy_hash", "received_at",
                "decision_due", "due_nominal", "updated_at", "row_version", "extended", "objection_count",
                "objection_received_at", "late_objection_received_at", "retention_kind", "retention_starts_at",
                "retention_ends_at", "erased_at", "screened_version", "rescreen_alert_id", "triaged_as", "area_codes",
                "list_entries", "risk_rank");
        // Generated from the request: set to its default, it follows the erased request and becomes null.
        column("screening_case", "candidate_name", Treatment.NULLED, "default", null,
                "the candidate's name, lower-cased, for officers' search");
        column("screening_case", "position_ends_on", Treatment.NULLED, "null", null,
                "the position's last day, read from the request; re-screening passes over erased cases");
        kept("screening_case", STAFF, "assignee", "assignee_name", "proposed_by");
        column("screening_case", "request", Treatment.REPLACED, "'null'", null, "the request as submitted");
        column("screening_case", "request_hash", Treatment.NULLED, "null", null,
                "an unsalted hash of the request: anyone holding a copy could confirm it");
        column("screening_case", "external_reference", Treatment.REPLACED, "'erased-' || id::text", null,
                "the institution's own reference, which its HR system links to the person");
        column("screening_case", "assessment", Treatment.REDACTED, null, null,
                "what was found stays (indicators, scores, areas); the quoted text goes");
        for (String freeText : List.of("proposal_reasoning", "objection_grounds", "extension_reason",
                "late_objection_grounds")) {
            column("screening_case", freeText, Treatment.NULLED, "null", null, "free text that may name the candidate");
        }

        // decision: the binding decisions stay, the officers' words in them go.
        kept("decision", CASE_FACT, "id", "case_id", "outcome", "decided_at", "policy_version", "policy_hash", "kind",
                "supersedes");
        kept("decision", STAFF, "decided_by", "confirmed_by");
        column("decision", "reasoning", Treatment.REPLACED, "'[erased: personal data]'", OFFICER_TEXT,
                "an officer's reasoning; an automated decision's reasoning is generated from the policy and kept for replay");
        column("decision", "conditions", Treatment.REPLACED,
                "(select coalesce(jsonb_agg('[erased: personal data]'::text), '[]'::jsonb)::text"
                        + " from jsonb_array_elements(conditions::jsonb))", OFFICER_TEXT,
                "an officer's conditions are free text; how many there were stays");

        kept("case_history", CASE_FACT, "id", "case_id", "at", "action", "from_status", "to_status");
        kept("case_history", STAFF, "actor", "actor_name");
        column("case_history", "reasoning", Treatment.NULLED, "null", "actor <> 'automated'",
                "free text of officers and institutions");

        kept("information_request", CASE_FACT, "id", "case_id", "reply_by", "asked_at", "closed_at", "state",
                "suspended_days");
        kept("information_request", STAFF, "asked_by", "asked_by_name");
        column("information_request", "question", Treatment.REPLACED, "''", null, "free text about the candidate");
        column("information_request", "answer", Treatment.NULLED, "null", null, "free text about the candidate");

        column("case_key", "case_id", Treatment.KEPT, null, null, "the tombstone says when the key was shredded");
        column("case_key", "erased_at", Treatment.KEPT, null, null, "when the key was shredded");
        column("case_key", "wrapped_key", Treatment.SHREDDED, "null", null,
                "the case key, wrapped: it decrypts the case's payloads on the log");
        column("case_key", "kek_id", Treatment.NULLED, "null", null, "which key-encryption key wrapped it");
        column("case_key", "key_bytes", Treatment.SHREDDED, "null", null,
                "a key stored before wrapping (wrapped at start, so empty after the first start)");

        column("subject_link", "case_id", Treatment.DELETED, null, null, "the service's own link between cases of one person");
        column("subject_link", "link", Treatment.DELETED, null, null,
                "a keyed hash of name and date of birth, under a key outside the database");

        kept("outbox_event", "the log's events: the candidate appears only as a pseudonym and ciphertext under the case key",
                "id", "event_id", "type", "record_key", "created_at", "sequence", "hash", "sent_at");
        column("outbox_event", "body", Treatment.ENCRYPTED, null, null,
                "payload, subject, reasoningMac and textMac are under the case key; the rest is not personal");
        column("outbox_event", "event", Treatment.ENCRYPTED, null, null, "the body as chained and signed");

        kept("institution_event", "the institution's view of its case's transitions: ids, types, dates, its sequence",
                "id", "event_id", "institution", "case_id", "type", "occurred_at", "sequence");
        column("institution_event", "body", Treatment.REDACTED,
                "(body::jsonb - 'question' - 'reason' - 'conditions'"
                        + " || jsonb_build_object('externalReference', 'erased-' || case_id::text))::text", null,
                "the reference and the officers' free texts (question, extension reason, conditions) go; the status,"
                        + " outcome and dates stay");
        kept("webhook_subscription", "an HR system's endpoint and its signing secrets: the institution's, not a candidate's",
                "id", "institution", "url", "event_types", "secret", "previous_secret", "previous_secret_until", "status",
                "disabled_reason", "created_at", "delivered_through");
        kept("webhook_delivery", "which event went to which endpoint when, and the answer's status code",
                "subscription_id", "sequence", "event_id", "status", "attempts", "last_status_code", "last_error",
                "last_attempt_at", "next_attempt_at");
        kept("audit_chain_head", "the head of the log's chain", "id", "sequence", "hash");
        kept("audit_tree_node", "hashes of the log's records (which hold personal data only as ciphertext and pseudonyms)",
                "level", "idx", "hash");
        kept("audit_signing_key", "the log's public keys and the sequences each signed", "valid_from_sequence", "kid",
                "public_key", "valid_until_sequence", "introduced_at");
        kept("audit_checkpoint", "signed tree sizes and root hashes of the log", "tree_size", "root_hash", "note",
                "key_id", "issued_at", "sent_at");
        kept("policy_version", "policies name organisations and areas, never candidates", "version", "document",
                "content_hash", "status", "effective_from", "created_at", "created_by", "published_at", "published_by",
                "proposed_by", "proposed_at", "proposed_effective_from", "proposed_hash", "cancelled_by", "cancelled_at");
        kept("replay_job", "replay reports name cases and outcomes, not persons", "id", "status", "requested_by",
                "started_at", "finished_at", "report");
        kept("rescreening_run", "the progress of a re-screening with a policy version: counts and a cursor of case ids",
                "policy_version", "status", "effective_from", "look_back_from", "counted", "reassessed", "alerts",
                "indicators_added", "after_received", "after_id", "started_at", "finished_at");
        kept("rescreening_alert", "what a newer version raised on a case: indicator types, list entries and scores, never"
                + " the matched words", "id", "case_id", "policy_version", "previous_version", "indicators",
                "assessment_hash", "raised_at", "resolved_at", "decision_id");
        kept("judgement", "officers' judgement of an organisation's name against a list entry; it outlives the case it"
                + " was made on and applies to others", "id", "case_id", "indicator_index", "institution", "scope", "verdict",
                "entity_id", "entity_hash", "normalized_text", "policy_version", "valid_until", "status", "proposed_at",
                "confirmed_at", "revoked_at");
        kept("judgement", STAFF, "proposed_by", "proposed_by_name", "confirmed_by", "confirmed_by_name", "revoked_by",
                "revoked_by_name");
        for (String freeText : List.of("reasoning", "confirmation_reasoning", "revocation_reasoning")) {
            column("judgement", freeText, Treatment.REPLACED, "'[erased: personal data]'", null,
                    "officers' free text, written on the case, that may name its candidate");
        }
        kept("officer", STAFF, "id", "user_name", "first_seen");
        kept("console_session_ended", "an opaque Keycloak session id of staff, pruned after two days", "session_id",
                "ended_at");
        kept("flyway_schema_history", "the schema's own history", "installed_rank", "version", "description", "type",
                "script", "checksum", "installed_by", "installed_on", "execution_time", "success");

        // The stored request: all of it is the candidate's, and all of it goes with the document.
        for (String path : List.of("externalReference", "candidate", "candidate/fullName", "candidate/nativeName",
                "candidate/dateOfBirth", "candidate/nationalities", "candidate/nationalities/*",
                "candidate/countryOfResidence", "position", "position/type", "position/title",
                "position/department", "position/startDate", "position/endDate", "research", "research/areaCodes",
                "research/areaCodes/*", "research/description", "research/keywords", "research/keywords/*",
                "affiliations", "affiliations/*", "affiliations/*/name", "affiliations/*/country", "affiliations/*/type",
                "affiliations/*/from", "affiliations/*/to", "funding", "funding/*", "funding/*/funder",
                "funding/*/country")) {
            MEMBERS.add(new Member("request", path, Treatment.REPLACED, "the whole request is replaced by null"));
        }
        // The stored assessment: what was found stays, whose words it was found in goes.
        for (String path : List.of("inScope", "thirdCountryNational", "positionInScope", "outcome", "policyVersion",
                "matchingVersion",
                "reasons", "reasons/*", "sensitiveAreas", "sensitiveAreas/*", "sensitiveAreas/*/code",
                "sensitiveAreas/*/name", "sensitiveAreas/*/matchedBy", "indicators", "indicators/*",
                "indicators/*/type", "indicators/*/listEntry", "indicators/*/listEntryName", "indicators/*/category",
                "indicators/*/riskLevel", "indicators/*/field", "indicators/*/matchedAlias", "indicators/*/score",
                "indicators/*/threshold", "indicators/*/fromPolicyVersion", "indicators/*/judgement",
                "indicators/*/judgement/reference", "indicators/*/judgement/verdict", "indicators/*/judgement/judgedOn",
                "indicators/*/judgement/validUntil")) {
            MEMBERS.add(new Member("assessment", path, Treatment.KEPT, "generated from the policy and the scores"));
        }
        for (String path : List.of("sensitiveAreas/*/evidence", "sensitiveAreas/*/evidence/*",
                "sensitiveAreas/*/evidence/*/field", "sensitiveAreas/*/evidence/*/text",
                "sensitiveAreas/*/evidence/*/term")) {
            MEMBERS.add(new Member("assessment", path, Treatment.REDACTED, "quotes the research description"));
        }
        for (String path : List.of("indicators/*/matchedText", "indicators/*/carriedBy", "indicators/*/carriedBy/*",
                "indicators/*/explanation")) {
            MEMBERS.add(new Member("assessment", path, Treatment.REDACTED,
                    "quotes the candidate's affiliation or funder words"));
        }
    }

    private ErasureInventory() {}

    private static void kept(String table, String why, String... columns) {
        for (String c : columns) {
            column(table, c, Treatment.KEPT, null, null, why);
        }
    }

    private static void column(String table, String column, Treatment treatment, String erasedValue, String onlyWhere,
            String why) {
        COLUMNS.add(new Column(table, column, treatment, erasedValue, onlyWhere, why));
    }

    public static List<Column> columns() {
        return List.copyOf(COLUMNS);
    }

    public static List<Member> members() {
        return List.copyOf(MEMBERS);
    }

    public static Optional<Column> column(String table, String column) {
        return COLUMNS.stream().filter(c -> c.table().equals(table) && c.column().equals(column)).findFirst();
    }

    /** The paths of a stored document's members that erasure removes. */
    public static Set<String> redacted(String document) {
        return MEMBERS.stream().filter(m -> m.document().equals(document) && m.treatment() == Treatment.REDACTED)
                .map(Member::path).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    /**
     * The erasing statements for one case, one per table and row filter: {@code ?1} is the case id.
     * Tables whose rows are deleted come first; the key and the assessment are erased by their owners.
     */
    public static List<String> statements() {
        Map<String, List<Column>> groups = new LinkedHashMap<>();
        for (Column c : COLUMNS) {
            if (c.erasedValue() != null && !c.table().equals("case_key")) {
                groups.computeIfAbsent(c.table() + "\u0000" + (c.onlyWhere() == null ? "" : c.onlyWhere()),
                        k -> new ArrayList<>()).add(c);
            }
        }
        List<String> statements = new ArrayList<>();
        COLUMNS.stream().filter(c -> c.treatment() == Treatment.DELETED).map(Column::table).distinct()
                .forEach(table -> statements.add("delete from " + table + " where case_id = ?1"));
        groups.forEach((key, columns) -> {
            String table = columns.get(0).table();
            String filter = columns.get(0).onlyWhere();
            String assignments = columns.stream().map(c -> c.column() + " = " + c.erasedValue())
                    .collect(Collectors.joining(", "));
            statements.add("update " + table + " set " + assignments + " where "
                    + (table.equals("screening_case") ? "id" : "case_id") + " = ?1" + (filter == null ? "" : " and " + filter));
        });
        return statements;
    }
}
