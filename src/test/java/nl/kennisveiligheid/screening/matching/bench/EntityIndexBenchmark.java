package nl.kennisveiligheid.screening.matching.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import nl.kennisveiligheid.screening.matching.EntityIndex;
import nl.kennisveiligheid.screening.matching.EntityMatch;
import nl.kennisveiligheid.screening.matching.ListedEntity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One affiliation screened against 1,000,000 entity names and aliases, on one thread: per-query
 * latency percentiles (sample mode) and queries per second (throughput mode). Index build time and
 * heap per name are printed by the set-up. Run by `make bench`.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgs = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Threads(1)
public class EntityIndexBenchmark {

    @Param("1000000")
    public int names;

    private EntityIndex index;
    private String[] queries;
    private int next;

    @Setup(Level.Trial)
    public void buildIndex() {
        List<ListedEntity> entities = SyntheticEntities.generate(names, 42);
        System.gc();
        long heapBefore = usedHeap();
        long start = System.nanoTime();
        index = EntityIndex.build(entities);
        long buildMillis = (System.nanoTime() - start) / 1_000_000;
        System.gc();
        long heapAfter = usedHeap();
        System.out.printf("%nINDEX names+aliases=%d build_ms=%d heap_bytes_per_name=%d%n",
                index.size(), buildMillis, (heapAfter - heapBefore) / index.size());
        queries = queries(entities);
    }

    /** A realistic mix: listed names as written, abbreviated or misspelt, with tails, and unlisted names. */
    private static String[] queries(List<ListedEntity> entities) {
        SplittableRandom random = new SplittableRandom(7);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            ListedEntity entity = entities.get(random.nextInt(entities.size()));
            String name = entity.name();
            queries.add(switch (i % 5) {
                case 0 -> name;
                case 1 -> name.replace("University", "Univ.").replace("Institute", "Inst.") + ", School of Physics";
                case 2 -> name.length() > 8 ? name.substring(0, 4) + name.substring(5) : name;
                case 3 -> SyntheticEntities.name(random);
                default -> "Department of Physics, " + SyntheticEntities.placeName(random) + " University";
            });
        }
        return queries.toArray(String[]::new);
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<EntityMatch> latency() {
        return screenOne();
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public List<EntityMatch> throughput() {
        return screenOne();
    }

    /**
     * The costliest names the contract allows (300 characters) in six shapes: Chinese characters,
     * a Chinese name repeated, letters spelt out one by one, generic abbreviations only, look-alike
     * letters of mixed scripts, and Cyrillic. Each is drawn afresh from random characters or words,
     * 10,000 in all, so that no cache of recent names helps. The p99 of this mix is its slowest
     * shape; against the ordinary mix's median it is the bound on work per name.
     */
    private static String[] generateWorstCaseNames() {
        SplittableRandom random = new SplittableRandom(11);
        String[] generic = {"Univ", "Sci", "Technol", "Engn", "Inst", "Natl", "Acad", "Res", "Ctr", "Lab", "Coll"};
        String[] names = new String[10_000];
        for (int i = 0; i < names.length; i++) {
            StringBuilder name = new StringBuilder();
            while (name.length() < 300) {
                switch (i % 6) {
                    case 0 -> name.appendCodePoint(0x4E00 + random.nextInt(20_000));
                    case 1 -> name.append(SyntheticEntities.placeName(random)).append("工业大学");
                    case 2 -> name.append((char) ('a' + random.nextInt(26))).append(' ');
                    case 3 -> name.append(generic[random.nextInt(generic.length)]).append(' ');
                    case 4 -> name.append(SyntheticEntities.placeName(random).replace('a', 'а').replace('o', 'о'))
                            .append(' ');
                    default -> name.appendCodePoint(0x0430 + random.nextInt(32)).append(random.nextInt(8) == 0 ? " " : "");
                }
            }
            names[i] = name.substring(0, 300);
        }
        return names;
    }

    private final String[] worstCaseNames = generateWorstCaseNames();
    private int nextWorst;

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public List<EntityMatch> worstCaseNames() {
        String query = worstCaseNames[nextWorst];
        nextWorst = (nextWorst + 1) % worstCaseNames.length;
        return index.match(query, "CN", 0.80);
    }

    private List<EntityMatch> screenOne() {
        String query = queries[next];
        next = (next + 1) % queries.length;
        return index.match(query, "CN", 0.80);
    }
}
