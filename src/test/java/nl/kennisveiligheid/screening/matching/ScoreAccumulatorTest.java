package nl.kennisveiligheid.screening.matching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Candidate selection in the entity index: the accumulator's top-k must be exactly the k best
 * entries by accumulated score over norm, best first, ties to the lower entry number, and a reset
 * must leave nothing behind. Checked against sorting everything, on many more entries than k.
 */
class ScoreAccumulatorTest {

    private static WeightedName[] names(int count, long seed) {
        Random random = new Random(seed);
        WeightedName[] names = new WeightedName[count];
        for (int i = 0; i < count; i++) {
            names[i] = new WeightedName("n" + i, new String[0], new double[0], 0.5 + random.nextInt(4) * 0.5);
        }
        return names;
    }

    @Property(tries = 200)
    void topKIsTheKBestBestFirstWithTiesToTheLowerEntry(@ForAll @IntRange(min = 1, max = 60) int k,
            @ForAll @IntRange(min = 0, max = 300) int touched, @ForAll long seed) {
        WeightedName[] names = names(400, seed);
        ScoreAccumulator accumulator = new ScoreAccumulator(names.length);
        Random random = new Random(seed);
        float[] expected = new float[names.length];
        for (int i = 0; i < touched; i++) {
            int entry = random.nextInt(names.length);
            float gain = 1 + random.nextInt(3);
            accumulator.add(entry, gain);
            expected[entry] += gain;
        }
        List<Integer> all = new ArrayList<>();
        for (int e = 0; e < names.length; e++) {
            if (expected[e] > 0) {
                all.add(e);
            }
        }
        all.sort(Comparator.<Integer>comparingDouble(e -> -expected[e] / names[e].norm()).thenComparingInt(e -> e));
        int[] top = accumulator.top(k, names);
        assertThat(accumulator.size()).isEqualTo(all.size());
        assertThat(top).containsExactly(all.subList(0, Math.min(k, all.size())).stream().mapToInt(Integer::intValue)
                .toArray());
    }

    @Test
    void aResetForgetsEveryScoreAndOnlyNewAdditionsCount() {
        WeightedName[] names = new WeightedName[50];
        java.util.Arrays.fill(names, new WeightedName("n", new String[0], new double[0], 1));
        ScoreAccumulator accumulator = new ScoreAccumulator(names.length);
        IntStream.range(0, 50).forEach(e -> accumulator.add(e, 5));
        accumulator.reset();
        assertThat(accumulator.size()).isZero();
        assertThat(accumulator.top(10, names)).isEmpty();
        accumulator.add(3, 1);
        accumulator.add(3, 1);
        accumulator.add(9, 1);
        assertThat(accumulator.size()).isEqualTo(2);
        assertThat(accumulator.top(10, names)).containsExactly(3, 9);
    }

    @Test
    void anIntListKeepsOrderAndDropsOnlyImmediateRepeats() {
        IntList list = new IntList();
        for (int v : new int[] {1, 1, 2, 3, 3, 3, 1, 4}) {
            list.addDistinct(v);
        }
        for (int i = 0; i < 100; i++) {
            list.add(i);
        }
        int[] values = list.toArray();
        assertThat(values).startsWith(1, 2, 3, 1, 4, 0, 1, 2).hasSize(105).endsWith(99);
    }
}
