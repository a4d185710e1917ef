package nl.kennisveiligheid.screening.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.kennisveiligheid.screening.matching.MatchingVersion;
import org.junit.jupiter.api.Test;

/** A replay re-derives a decision only with the matching rules that made it. */
class ReplayMatchingVersionTest {

    private static ObjectNode decision(String matchingVersion) {
        ObjectNode event = JsonNodeFactory.instance.objectNode();
        ObjectNode reasons = event.putObject("reasons");
        if (matchingVersion != null) {
            reasons.put("matchingVersion", matchingVersion);
        }
        return event;
    }

    @Test
    void onlyDecisionsOfThisBuildsMatchingAreRederived() {
        assertThat(Replay.madeWithThisBuildsMatching(decision(MatchingVersion.CURRENT))).isTrue();
        assertThat(Replay.madeWithThisBuildsMatching(decision(null))).as("recorded before versions were").isFalse();
        assertThat(Replay.madeWithThisBuildsMatching(decision("1"))).isFalse();
        assertThat(Replay.madeWithThisBuildsMatching(decision("3"))).isFalse();
    }
}
