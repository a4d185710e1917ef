package nl.kennisveiligheid.screening.triage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import nl.kennisveiligheid.screening.matching.NameNormalizer;
import nl.kennisveiligheid.screening.triage.Assessment.Indicator;
import nl.kennisveiligheid.screening.triage.Assessment.Outcome;

/**
 * Applies officers' confirmed judgements to an assessment; pure, so that intake, re-screening and the
 * replay apply them alike. A judgement holds for one normalised text against one list entry of one
 * content: when the entry changes (an alias, the risk level), its hash changes and the judgement no
 * longer applies, so the indicator flags again. A judged indicator stays in the assessment, marked,
 * but no longer flags the case on its own.
 */
public final class Judgements {

    private Judgements() {}

    /** INSTITUTION: only that institution's cases; ALL: every institution's. */
    public enum Scope { INSTITUTION, ALL }

    /** A confirmed judgement as triage applies it. */
    public record Judgement(String reference, Scope scope, String institution, String entityId, String entityHash,
            String textKey, LocalDate confirmedOn, LocalDate validUntil) {

        boolean covers(Indicator indicator, String entryHash, String caseInstitution, LocalDate on) {
            return entityId.equals(indicator.listEntry()) && entityHash.equals(entryHash)
                    && textKey.equals(keyOf(indicator.matchedText()))
                    && (scope == Scope.ALL || institution.equals(caseInstitution))
                    && !on.isBefore(confirmedOn) && !on.isAfter(validUntil);
        }
    }

    /** The text as matching normalises it, which is what officers judged. */
    public static String normalized(String matchedText) {
        return NameNormalizer.normalized(matchedText == null ? "" : matchedText);
    }

    /**
     * What a judgement is keyed on: SHA-256 (hex) of the normalised text, so that the log can name the
     * text a judgement covers without quoting a candidate's affiliation, and a replay can still apply it.
     */
    public static String keyOf(String matchedText) {
        return keyOfNormalized(normalized(matchedText));
    }

    /** The key of a text normalised already, as a judgement stores it. */
    public static String keyOfNormalized(String normalizedText) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(normalizedText.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The assessment with every entity indicator that a judgement covers marked as judged, and the
     * outcome CLEARED when nothing else flags it.
     */
    public static Assessment apply(Assessment assessment, TriagePolicy policy, Collection<Judgement> judgements,
            String institution, LocalDate on) {
        if (judgements.isEmpty() || assessment.indicators().isEmpty()) {
            return assessment;
        }
        List<Indicator> indicators = new ArrayList<>(assessment.indicators().size());
        List<String> reasons = new ArrayList<>(assessment.reasons());
        boolean changed = false;
        for (Indicator indicator : assessment.indicators()) {
            Optional<Judgement> covering = indicator.judgement() != null || !indicator.matchesListEntry()
                    ? Optional.empty() : covering(indicator, policy, judgements, institution, on);
            if (covering.isPresent()) {
                Judgement j = covering.get();
                indicators.add(indicator.judged(new Assessment.Judged(j.reference(), "NOT_THIS_ENTITY",
                        j.confirmedOn().toString(), j.validUntil().toString())));
                reasons.add("The match of " + indicator.field() + " with list entry " + indicator.listEntry()
                        + " was judged not this entity by two officers on " + j.confirmedOn() + " (judgement "
                        + j.reference() + ", valid until " + j.validUntil() + "); it no longer flags the case on its own.");
                changed = true;
            } else {
                indicators.add(indicator);
            }
        }
        if (!changed) {
            return assessment;
        }
        boolean stillFlagged = indicators.stream().anyMatch(i -> i.judgement() == null);
        Outcome outcome = assessment.outcome() == Outcome.FLAGGED && !stillFlagged ? Outcome.CLEARED : assessment.outcome();
        return new Assessment(assessment.inScope(), assessment.thirdCountryNational(), assessment.positionInScope(),
                assessment.sensitiveAreas(), List.copyOf(indicators), outcome, assessment.policyVersion(),
                List.copyOf(reasons), assessment.matchingVersion());
    }

    /** Whether an indicator still counts: not judged away. */
    public static boolean flags(Indicator indicator) {
        return indicator.judgement() == null;
    }

    private static Optional<Judgement> covering(Indicator indicator, TriagePolicy policy,
            Collection<Judgement> judgements, String institution, LocalDate on) {
        TriagePolicy.ListedEntityInfo entry = policy.entities().get(indicator.listEntry());
        if (entry == null) {
            return Optional.empty();
        }
        return judgements.stream().filter(j -> j.covers(indicator, entry.contentHash(), institution, on)).findFirst();
    }
}
