package nl.kennisveiligheid.screening.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlacesTest {

    private static LoadConfig.Bound bound(Integer running, Integer waiting, int perProcessor) {
        return new LoadConfig.Bound() {
            @Override
            public Optional<Integer> running() {
                return Optional.ofNullable(running);
            }

            @Override
            public Optional<Integer> waiting() {
                return Optional.ofNullable(waiting);
            }

            @Override
            public int runningPerProcessor() {
                return perProcessor;
            }
        };
    }

    @Test
    void unsetPlacesFollowTheProcessorsAndTwiceAsManyWait() {
        assertThat(Places.of(bound(null, null, 2), 2)).isEqualTo(new Places(4, 8));
        assertThat(Places.of(bound(null, null, 2), 4)).isEqualTo(new Places(8, 16));
        assertThat(Places.of(bound(null, null, 3), 1)).isEqualTo(new Places(3, 6));
        assertThat(Places.of(bound(null, null, 2), 2).total()).isEqualTo(12);
    }

    @Test
    void manyProcessorsNeverOutgrowTheDatabasePoolByDefault() {
        assertThat(Places.of(bound(null, null, 2), 64)).isEqualTo(new Places(10, 20));
        assertThat(Places.of(bound(40, null, 2), 64)).as("a configured bound is the operator's").isEqualTo(new Places(40, 80));
    }

    @Test
    void configuredPlacesWinOverTheProcessors() {
        assertThat(Places.of(bound(12, 24, 2), 2)).isEqualTo(new Places(12, 24));
        assertThat(Places.of(bound(5, null, 2), 2)).as("waiting follows a configured running").isEqualTo(new Places(5, 10));
        assertThat(Places.of(bound(null, 0, 2), 4)).as("no waiting at all").isEqualTo(new Places(8, 0));
    }

    @Test
    void atLeastOneRequestRunsAndNoBoundIsNegative() {
        assertThat(Places.of(bound(null, null, 0), 4).running()).isEqualTo(1);
        assertThatThrownBy(() -> Places.of(bound(0, 4, 2), 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Places.of(bound(2, -1, 2), 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
