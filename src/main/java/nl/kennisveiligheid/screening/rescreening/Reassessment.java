package nl.kennisveiligheid.screening.rescreening;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import nl.kennisveiligheid.screening.triage.Assessment;
import nl.kennisveiligheid.screening.triage.Assessment.Indicator;
import nl.kennisveiligheid.screening.triage.Judgements;

/**
 * What a re-assessment with a newer version raises that the case's assessment did not; pure. An
 * indicator is the same when its type, list entry and field are: a score that moved is not news, a
 * weak match that became a strong one is. An indicator that officers judged away in the stored
 * assessment counts as not raised, so when its entry changed and the judgement lapsed, it is news.
 */
public final class Reassessment {

    private Reassessment() {}

    /** The fresh assessment's flagging indicators that the stored one did not raise, marked with the new version. */
    public static List<Indicator> raised(Assessment stored, Assessment fresh, String newVersion) {
        Set<String> known = stored.indicators().stream().filter(Judgements::flags).map(Reassessment::key)
                .collect(Collectors.toSet());
        List<Indicator> raised = new ArrayList<>();
        for (Indicator indicator : fresh.indicators()) {
            if (Judgements.flags(indicator) && known.add(key(indicator))) {
                raised.add(indicator.fromVersion(newVersion));
            }
        }
        return raised;
    }

    /** The stored assessment with the raised indicators added, so that the next version compares with them too. */
    public static Assessment withRaised(Assessment stored, List<Indicator> raised) {
        List<Indicator> indicators = new ArrayList<>(stored.indicators());
        indicators.addAll(raised);
        List<String> reasons = new ArrayList<>(stored.reasons());
        raised.stream().map(Indicator::fromPolicyVersion).distinct().forEach(version -> reasons.add(
                "Re-screening with policy version " + version + " raised " + raised.stream()
                        .filter(i -> version.equals(i.fromPolicyVersion())).count() + " indicator(s) more."));
        return new Assessment(stored.inScope(), stored.thirdCountryNational(), stored.positionInScope(),
                stored.sensitiveAreas(), List.copyOf(indicators), stored.outcome(), stored.policyVersion(),
                List.copyOf(reasons), stored.matchingVersion());
    }

    private static String key(Indicator i) {
        return i.type() + "|" + Objects.toString(i.listEntry(), "") + "|" + Objects.toString(i.field(), "");
    }
}
