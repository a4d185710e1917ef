package nl.kennisveiligheid.screening.support;

import java.util.OptionalDouble;

/** Reads one sample out of the service's Prometheus text ({@code /q/metrics}), for tests and benchmarks. */
public final class MetricSample {

    private MetricSample() {}

    /** The value of the unlabelled sample {@code name}, if the text has it. */
    public static OptionalDouble of(String prometheusText, String name) {
        return prometheusText.lines().filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1).split(" ", 2)[0])).findFirst();
    }
}
