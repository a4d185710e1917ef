package nl.kennisveiligheid.screening.replay;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import nl.kennisveiligheid.screening.audit.AuditOutbox;
import nl.kennisveiligheid.screening.audit.ChainVerifier;
import nl.kennisveiligheid.screening.audit.PayloadCipher;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.intake.ScreeningRequest;
import nl.kennisveiligheid.screening.intake.TriageInputs;
import nl.kennisveiligheid.screening.policy.PolicyCompiler;
import nl.kennisveiligheid.screening.policy.PolicyDocument;
import nl.kennisveiligheid.screening.matching.MatchingVersion;
import nl.kennisveiligheid.screening.periods.LegalCalendar;
import nl.kennisveiligheid.screening.triage.Judgements;
import nl.kennisveiligheid.screening.triage.Triage;
import nl.kennisveiligheid.screening.triage.TriagePolicy;

/**
 * The replay of the log: verifies the chain, rebuilds every policy version from its publication
 * events, and re-derives every automated decision with the recorded version, reading the case's
 * input with its key where it still exists. Keys are looked up through a function, so the same code
 * runs wherever the keys live; nothing here reads a clock.
 */
public final class Replay {

    private final ChainVerifier chain;
    private final Function<UUID, Optional<byte[]>> caseKeys;
    private final Map<String, StringBuilder[]> policyParts = new LinkedHashMap<>();
    private final Map<String, String> policyHashes = new LinkedHashMap<>();
    private final Map<String, TriagePolicy> policies = new TreeMap<>();
    private final List<ReplayReport.Mismatch> mismatches = new ArrayList<>();
    private long rederived;
    private long erased;
    private long otherMatchingVersion;
    private final Reconciliation reconciliation = new Reconciliation();
    /** The officers' judgements in force at this point of the log, by id: automated decisions applied them. */
    private final Map<String, Judgements.Judgement> judgements = new LinkedHashMap<>();

    public Replay(PublicKey publicKey, Function<UUID, Optional<byte[]>> caseKeys) {
        this.chain = new ChainVerifier(publicKey);
        this.caseKeys = caseKeys;
    }

    /** Holds the log to a checkpoint the auditor trusts; refused when it is not signed by the log's key. */
    public Replay trusting(String signedCheckpoint) throws nl.kennisveiligheid.screening.audit.tree.SignedNote.Refused {
        chain.tree().trust(signedCheckpoint);
        return this;
    }

    /**
     * The next records of the log, in order; their checks, and reading the accepted ones as JSON, run on
     * all cores (see ChainVerifier). A record that is not canonical is read keeping the last of
     * duplicate keys; the chain has already reported it.
     */
    public void acceptRecords(List<byte[]> records) {
        List<ObjectNode> events = chain.acceptRecords(records).parallelStream().map(ChainVerifier::readLeniently).toList();
        for (ObjectNode event : events) {
            process(event);
        }
    }

    private void process(ObjectNode event) {
        String type = event.path("type").asText();
        if (AuditOutbox.RESCREENED.equals(type)) {
            reconciliation.rescreened(event.path("caseId").asText(), event.path("reasons").path("alert").asBoolean());
        } else {
            reconciliation.event(type, event.path("caseId").asText(null));
        }
        switch (type) {
            case AuditOutbox.POLICY_PUBLISHED -> policyPart(event);
            case AuditOutbox.JUDGEMENT_CONFIRMED -> judgementConfirmed(event);
            case AuditOutbox.JUDGEMENT_REVOKED -> judgements.remove(event.path("reasons").path("judgementId").asText());
            case AuditOutbox.DECISION_RECORDED -> {
                if ("automated".equals(event.path("decidedBy").asText())) {
                    rederive(event);
                }
            }
            case AuditOutbox.PERSONAL_DATA_ERASED -> erased++;
            default -> { }
        }
    }

    /**
     * The report, with every case of the database ({@code database}: case id to status) accounted for
     * against the log, except {@code inFlight} cases whose events were not yet on the topic.
     */
    public ReplayReport report(UUID id, java.time.Instant startedAt, java.time.Instant finishedAt,
            Map<String, nl.kennisveiligheid.screening.common.CaseStatus> database, java.util.Set<String> inFlight) {
        chain.finish();
        var tree = chain.tree();
        return new ReplayReport(id, "COMPLETED", chain.eventsRead(), chain.duplicates(), chain.chainIntact(),
                chain.firstBrokenSequence(), chain.signaturesValid(), List.copyOf(policyHashes.keySet()), rederived,
                List.copyOf(mismatches), erased, otherMatchingVersion, startedAt, finishedAt, tree.size(),
                Base64.getEncoder().encodeToString(tree.root()), tree.trustedSize(), tree.trustedCheckpointVerified(),
                tree.truncated(), chain.nonCanonicalRecords(), chain.tamperedRedeliveries(), tree.checkpointsVerified(),
                tree.checkpointsValid(), reconciliation.against(database, inFlight), null);
    }

    private void policyPart(ObjectNode event) {
        String version = event.path("policyVersion").asText();
        int part = event.path("reasons").path("part").asInt(1);
        int parts = event.path("reasons").path("parts").asInt(1);
        StringBuilder[] collected = policyParts.computeIfAbsent(version, v -> new StringBuilder[parts]);
        collected[part - 1] = new StringBuilder(event.path("payload").asText());
        for (StringBuilder piece : collected) {
            if (piece == null) {
                return;
            }
        }
        StringBuilder whole = new StringBuilder();
        for (StringBuilder piece : collected) {
            whole.append(piece);
        }
        String document = gunzip(Base64.getDecoder().decode(whole.toString()));
        String hash = CanonicalJson.sha256Hex(document.getBytes(StandardCharsets.UTF_8));
        if (!hash.equals(event.path("policyHash").asText())) {
            mismatches.add(new ReplayReport.Mismatch(null, event.path("policyHash").asText(), hash,
                    "policy " + version + " in the log does not match its recorded hash"));
            return;
        }
        policyHashes.put(version, hash);
        policies.put(version, PolicyCompiler.compile(
                CanonicalJson.read(document, new com.fasterxml.jackson.core.type.TypeReference<PolicyDocument>() {}), hash));
    }

    private void rederive(ObjectNode event) {
        String caseId = event.path("caseId").asText();
        String found = event.path("outcome").asText();
        String version = event.path("policyVersion").asText();
        TriagePolicy policy = policies.get(version);
        if (policy == null) {
            mismatches.add(new ReplayReport.Mismatch(caseId, null, found, "policy " + version + " is not in the log"));
            return;
        }
        if (!policyHashes.get(version).equals(event.path("policyHash").asText())) {
            mismatches.add(new ReplayReport.Mismatch(caseId, null, found, "decided with a policy whose hash differs from "
                    + "the published version " + version));
        }
        if (!madeWithThisBuildsMatching(event)) {
            otherMatchingVersion++;
            return;
        }
        Optional<byte[]> key = caseKeys.apply(UUID.fromString(caseId));
        if (key.isEmpty()) {
            return;
        }
        try {
            byte[] plain = PayloadCipher.decrypt(key.get(), event.path("payload").asText(), caseId);
            var payload = CanonicalJson.MAPPER.readTree(plain);
            ScreeningRequest request = CanonicalJson.MAPPER.treeToValue(payload.get("request"), ScreeningRequest.class);
            LocalDate decidedOn = LocalDate.ofInstant(Instant.parse(event.path("occurredAt").asText()),
                    LegalCalendar.LEGAL_ZONE);
            String expected = Judgements.apply(Triage.assess(TriageInputs.of(request), policy), policy,
                    judgements.values(), event.path("institution").asText(), decidedOn).outcome().name();
            rederived++;
            if (!expected.equals(found)) {
                mismatches.add(new ReplayReport.Mismatch(caseId, expected, found, "re-derived outcome differs"));
            }
        } catch (GeneralSecurityException | IOException e) {
            mismatches.add(new ReplayReport.Mismatch(caseId, null, found, "the payload cannot be decrypted with the case key"));
        }
    }

    private void judgementConfirmed(ObjectNode event) {
        var r = event.path("reasons");
        judgements.put(r.path("judgementId").asText(), new Judgements.Judgement(r.path("judgementId").asText(),
                Judgements.Scope.valueOf(r.path("scope").asText()), r.path("institutionScope").asText(),
                r.path("listEntry").asText(), r.path("entityHash").asText(), r.path("textKey").asText(),
                LocalDate.parse(r.path("confirmedOn").asText()), LocalDate.parse(r.path("validUntil").asText())));
    }

    /** Whether the decision's assessment was made by the matching rules of this build (absent: version 1). */
    static boolean madeWithThisBuildsMatching(ObjectNode decisionEvent) {
        return MatchingVersion.CURRENT.equals(
                decisionEvent.path("reasons").path("matchingVersion").asText(MatchingVersion.BEFORE_VERSIONING));
    }

    private static String gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
