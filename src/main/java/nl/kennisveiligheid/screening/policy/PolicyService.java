package nl.kennisveiligheid.screening.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import nl.kennisveiligheid.screening.audit.AuditOutbox;
import nl.kennisveiligheid.screening.common.CanonicalJson;
import nl.kennisveiligheid.screening.common.InvalidInputException;
import nl.kennisveiligheid.screening.common.Problem.FieldError;
import nl.kennisveiligheid.screening.common.ProblemException;

/**
 * Stores policy versions and gives the one in effect at a moment, compiled. A published version is
 * compiled (its matching indexes built) before its publication commits, so requests never wait for
 * an index and never see a version whose index is not ready; the previous version keeps serving
 * until then.
 */
@ApplicationScoped
public class PolicyService {

    /** The advisory lock under which a new draft is counted against the limit. */
    static final long DRAFTS_LOCK = 8124309L;

    /** The advisory lock that orders publications and intake. */
    public static final long PUBLICATION_LOCK = 8124301;

    /** Leeway for clocks of clients that publish "now". */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    @Inject
    Clock clock;

    @Inject
    AuditOutbox outbox;

    @Inject
    PolicyConfig config;

    private final Map<String, CompiledPolicy> compiled = new ConcurrentHashMap<>();

    public record Stored(PolicyVersion version, boolean created) {}

    /**
     * Stores a new draft, or replaces a draft when {@code ifMatch} names the content it replaces (its
     * ETag, the content hash), so that two administrators never overwrite each other unawares. A
     * replaced draft that was proposed for publication loses its proposal.
     */
    @Transactional
    public Stored create(PolicyDocument document, String createdBy, String ifMatch) {
        List<PolicyRule.Problem> problems = PolicyValidator.problems(document);
        if (!problems.isEmpty()) {
            throw new PolicyDocumentInvalid(problems);
        }
        PolicyDocument complete = document.withDefaults();
        PolicyVersion existing = PolicyVersion.findById(document.version(), LockModeType.PESSIMISTIC_WRITE);
        if (existing != null && !existing.isEditable()) {
            throw ProblemException.conflict("policy-published", "Version " + document.version() + " is "
                    + existing.status.toLowerCase(java.util.Locale.ROOT) + " and cannot change; create a new version.");
        }
        if (existing == null) {
            refuseBeyondDraftLimit();
        } else if (ifMatch == null) {
            throw new ProblemException(428, "precondition-required", "If-Match required", "Version "
                    + document.version() + " exists as a draft: send its ETag in If-Match to replace it, so that nobody's"
                    + " changes are overwritten unseen.");
        } else if (!ifMatch.equals(existing.contentHash)) {
            throw new ProblemException(412, "draft-changed", "The draft changed", "Draft " + document.version()
                    + " changed since you read it (If-Match does not name its current ETag); read it again first.");
        }
        PolicyVersion version = existing == null ? new PolicyVersion() : existing;
        version.version = complete.version();
        version.document = CanonicalJson.string(complete);
        version.contentHash = CanonicalJson.sha256Hex(version.document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        version.status = PolicyVersion.DRAFT;
        version.proposedBy = null;
        version.proposedAt = null;
        version.proposedEffectiveFrom = null;
        version.proposedHash = null;
        version.createdAt = clock.instant();
        version.createdBy = createdBy;
        if (existing == null) {
            try {
                version.persistAndFlush();
            } catch (jakarta.persistence.PersistenceException concurrentCreate) {
                throw ProblemException.conflict("policy-version-exists", "Version " + document.version()
                        + " was created by someone else at the same moment; read it, and create a new version if needed.");
            }
        }
        return new Stored(version, existing == null);
    }

    /** Counted under a lock of its own, so that two uploads at once cannot both take the last place. */
    private void refuseBeyondDraftLimit() {
        var em = PolicyVersion.getEntityManager();
        em.createNativeQuery("select pg_advisory_xact_lock(" + DRAFTS_LOCK + ")").getSingleResult();
        long drafts = PolicyVersion.count("status in ?1", List.of(PolicyVersion.DRAFT, PolicyVersion.PROPOSED));
        if (drafts >= config.maxDrafts()) {
            throw ProblemException.conflict("too-many-drafts", "There are " + drafts + " drafts, the most allowed is "
                    + config.maxDrafts() + ": delete or publish one first.");
        }
    }

    /** Deletes a draft; a published version is part of the record and stays. */
    @Transactional
    public void deleteDraft(String versionId) {
        PolicyVersion existing = PolicyVersion.findById(versionId, LockModeType.PESSIMISTIC_WRITE);
        if (existing == null) {
            throw ProblemException.notFound("Policy version " + versionId);
        }
        if (!existing.isEditable()) {
            throw ProblemException.conflict("policy-published", "Version " + versionId + " is "
                    + existing.status.toLowerCase(java.util.Locale.ROOT) + ": it is part of the record and cannot be deleted.");
        }
        existing.delete();
    }

    /**
     * The first of two administrators proposes to publish a draft, effective from a time (null: when
     * the second confirms). The proposal is of the content as it is now.
     */
    @Transactional
    public PolicyVersion proposePublication(String versionId, Instant effectiveFrom, String proposedBy) {
        PolicyVersion draft = PolicyVersion.findById(versionId, LockModeType.PESSIMISTIC_WRITE);
        if (draft == null) {
            throw ProblemException.notFound("Policy version " + versionId);
        }
        if (PolicyVersion.PROPOSED.equals(draft.status)) {
            throw ProblemException.conflict("publication-proposed", "Version " + versionId + " was proposed for "
                    + "publication already; a second policy administrator confirms it.");
        }
        if (!draft.isEditable()) {
            throw ProblemException.conflict("policy-published", "Version " + versionId + " is already "
                    + draft.status.toLowerCase(java.util.Locale.ROOT) + ".");
        }
        refusePast(effectiveFrom, clock.instant());
        draft.status = PolicyVersion.PROPOSED;
        draft.proposedBy = proposedBy;
        draft.proposedAt = clock.instant();
        draft.proposedEffectiveFrom = effectiveFrom;
        draft.proposedHash = draft.contentHash;
        return draft;
    }

    /** The second administrator confirms a proposed publication: the version is published as proposed. */
    public PolicyVersion confirmPublication(String versionId, String confirmedBy) {
        PolicyVersion proposal = QuarkusTransaction.requiringNew().call(() -> PolicyVersion.<PolicyVersion>findById(versionId));
        if (proposal == null) {
            throw ProblemException.notFound("Policy version " + versionId);
        }
        if (!PolicyVersion.PROPOSED.equals(proposal.status)) {
            throw ProblemException.conflict("not-proposed", "Version " + versionId + " is "
                    + proposal.status.toLowerCase(java.util.Locale.ROOT) + "; only a proposed publication is confirmed.");
        }
        if (proposal.proposedBy.equals(confirmedBy)) {
            throw ProblemException.conflict("own-proposal", "Publication takes two policy administrators: you "
                    + "cannot confirm your own proposal.");
        }
        return publish(versionId, proposal.proposedEffectiveFrom, confirmedBy);
    }

    /**
     * Cancels a version published for a future date, before it takes effect; under the publication
     * lock, so no request is received under it meanwhile. It stays in the record as CANCELLED.
     */
    @Transactional
    public PolicyVersion cancel(String versionId, String cancelledBy) {
        Panache.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(" + PUBLICATION_LOCK + ")")
                .getSingleResult();
        PolicyVersion version = PolicyVersion.findById(versionId, LockModeType.PESSIMISTIC_WRITE);
        if (version == null) {
            throw ProblemException.notFound("Policy version " + versionId);
        }
        Instant now = clock.instant();
        if (!version.isPublished() || !version.effectiveFrom.isAfter(now)) {
            throw ProblemException.conflict("not-scheduled", "Version " + versionId + " is "
                    + version.statusAt(now).toLowerCase(java.util.Locale.ROOT)
                    + "; only a version published for a future date is cancelled, before it takes effect.");
        }
        version.status = PolicyVersion.CANCELLED;
        version.cancelledBy = cancelledBy;
        version.cancelledAt = now;
        compiled.remove(cacheKey(version));
        outbox.policyCancelled(version.version, version.contentHash, cancelledBy, now);
        return version;
    }

    /**
     * Publishes a draft. Its indexes are built first, outside any transaction; then one short
     * transaction holds the publication lock, which intake holds shared while it reads its receipt
     * time and policy, takes "now" and commits. So a version is in effect from its commit (or a later
     * instant asked for), and no case records a version that was not in effect at its receipt.
     */
    public PolicyVersion publish(String versionId, Instant requestedEffectiveFrom, String publishedBy) {
        PolicyVersion draft = QuarkusTransaction.requiringNew().call(() -> PolicyVersion.<PolicyVersion>findById(versionId));
        if (draft == null) {
            throw ProblemException.notFound("Policy version " + versionId);
        }
        if (!draft.isEditable()) {
            throw ProblemException.conflict("policy-published", "Version " + versionId + " is already "
                    + draft.status.toLowerCase(java.util.Locale.ROOT) + ".");
        }
        CompiledPolicy ready = compile(draft);
        return QuarkusTransaction.requiringNew().call(() -> commitPublication(versionId, draft.contentHash, ready,
                requestedEffectiveFrom, publishedBy));
    }

    private PolicyVersion commitPublication(String versionId, String compiledHash, CompiledPolicy ready,
            Instant requestedEffectiveFrom, String publishedBy) {
        PolicyVersion version = PolicyVersion.findById(versionId, LockModeType.PESSIMISTIC_WRITE);
        if (version == null || !version.isEditable()) {
            throw ProblemException.conflict("policy-published", "Version " + versionId + " is no longer a draft.");
        }
        if (!version.contentHash.equals(compiledHash)) {
            throw ProblemException.conflict("policy-changed", "Version " + versionId
                    + " changed while it was being published; publish it again.");
        }
        // Serialises publications with each other and with intake's reading of the policy in effect.
        Panache.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(" + PUBLICATION_LOCK + ")")
                .getSingleResult();
        Instant now = clock.instant();
        Instant effectiveFrom = requestedEffectiveFrom == null ? now : requestedEffectiveFrom;
        refusePast(effectiveFrom, now);
        if (PolicyVersion.count("status = ?1 and effectiveFrom = ?2", PolicyVersion.PUBLISHED, effectiveFrom) > 0) {
            throw new InvalidInputException("effectiveFrom", "another published version takes effect at this very moment");
        }
        version.status = PolicyVersion.PUBLISHED;
        version.effectiveFrom = effectiveFrom;
        version.publishedAt = now;
        version.publishedBy = publishedBy;
        compiled.putIfAbsent(cacheKey(version), new CompiledPolicy(ready.document(), ready.contentHash(), effectiveFrom,
                ready.triage()));
        outbox.policyPublished(version.version, version.contentHash, version.document, publishedBy, version.proposedBy, now);
        return version;
    }

    private static void refusePast(Instant effectiveFrom, Instant now) {
        if (effectiveFrom != null && effectiveFrom.isBefore(now.minus(CLOCK_SKEW))) {
            throw new InvalidInputException("effectiveFrom", "must not be in the past: a published version never changes "
                    + "which policy applied to cases already received");
        }
    }

    /** The document of a version a case was received under; such a version always exists. */
    public PolicyDocument documentOf(String versionId) {
        return compiled(find(versionId).orElseThrow(
                () -> new IllegalStateException("policy version of a stored case is missing"))).document();
    }

    public Optional<PolicyVersion> find(String versionId) {
        return Optional.ofNullable(PolicyVersion.findById(versionId));
    }

    public List<PolicyVersion> list() {
        return PolicyVersion.list("order by createdAt desc, version");
    }

    /** The published version in effect now, or empty before any version is published. */
    public Optional<PolicyVersion> currentVersion() {
        return versionAt(clock.instant());
    }

    private static Optional<PolicyVersion> versionAt(Instant at) {
        return PolicyVersion.<PolicyVersion>find("status = ?1 and effectiveFrom <= ?2 order by effectiveFrom desc",
                PolicyVersion.PUBLISHED, at).firstResultOptional();
    }

    /** The compiled policy in effect now; refuses with 503 while none is published. */
    public CompiledPolicy current() {
        return inEffectAt(clock.instant());
    }

    /** The compiled policy in effect at an instant; refuses with 503 while none is published. */
    public CompiledPolicy inEffectAt(Instant at) {
        PolicyVersion version = versionAt(at).orElseThrow(() -> new ProblemException(503, "no-policy",
                "No policy in effect", "No policy version is published yet; a policy administrator must publish one."));
        return compiled(version);
    }

    /**
     * Holds off publications until the caller's transaction ends: intake takes it before it reads its
     * receipt time, so that time and the version in effect then are read as one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void holdPublications() {
        Panache.getEntityManager().createNativeQuery("select pg_advisory_xact_lock_shared(" + PUBLICATION_LOCK + ")")
                .getSingleResult();
    }

    /** A published version, compiled once and kept: published versions never change. */
    public CompiledPolicy compiled(PolicyVersion version) {
        if (!version.isPublished()) {
            throw new IllegalStateException("only published versions are compiled");
        }
        return compiled.computeIfAbsent(cacheKey(version), k -> compile(version));
    }

    /** A document as an administrator wrote it, in YAML or JSON: unknown fields and duplicate keys refused. */
    public static PolicyDocument read(String yamlOrJson) throws JsonProcessingException {
        return DefaultPolicyLoader.YAML.readValue(yamlOrJson, PolicyDocument.class);
    }

    public static PolicyDocument parse(String canonicalDocument) {
        try {
            return CanonicalJson.MAPPER.readValue(canonicalDocument, PolicyDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored policy document is not readable", e);
        }
    }

    /** Drops every compiled version, so that they are compiled again from storage, as after a restart. */
    public void recompileFromStorage() {
        compiled.clear();
    }

    /**
     * The entries of every version that has taken effect, each once, for finding the cases an entry
     * matched after it left the list. Versions in effect never change, so the list is kept until
     * another version takes effect; a search asks only for the versions' keys.
     */
    public List<PolicyDocument.Entity> entriesEverInEffect() {
        List<Object[]> versions = Panache.getEntityManager().createQuery("select v.version, v.contentHash from PolicyVersion v"
                + " where v.status = ?1 and v.effectiveFrom <= ?2 order by v.version", Object[].class)
                .setParameter(1, PolicyVersion.PUBLISHED).setParameter(2, clock.instant()).getResultList();
        String keys = versions.stream().map(v -> cacheKey((String) v[0], (String) v[1])).collect(java.util.stream.Collectors.joining(","));
        EntriesEverListed known = entriesEverListed;
        if (known == null || !known.versionKeys().equals(keys)) {
            known = new EntriesEverListed(keys, versions.stream()
                    .flatMap(v -> parse(PolicyVersion.<PolicyVersion>findById(v[0]).document).highRiskEntities().stream())
                    .distinct().toList());
            entriesEverListed = known;
        }
        return known.entries();
    }

    private record EntriesEverListed(String versionKeys, List<PolicyDocument.Entity> entries) {}

    private volatile EntriesEverListed entriesEverListed;

    /** Keyed by content too: a publication that failed to commit must not leave its draft's index behind. */
    private static String cacheKey(PolicyVersion version) {
        return cacheKey(version.version, version.contentHash);
    }

    private static String cacheKey(String version, String contentHash) {
        return version + "@" + contentHash;
    }

    private static CompiledPolicy compile(PolicyVersion version) {
        String actualHash = CanonicalJson.sha256Hex(version.document.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (!actualHash.equals(version.contentHash)) {
            throw new IllegalStateException("stored policy version " + version.version + " does not match its hash");
        }
        PolicyDocument document = parse(version.document);
        return new CompiledPolicy(document, version.contentHash, version.effectiveFrom,
                PolicyCompiler.compile(document, version.contentHash));
    }
}
