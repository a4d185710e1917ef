package nl.kennisveiligheid.screening.support;

import static org.assertj.core.api.Assertions.assertThat;

/** Stops and starts the Makefile's local servers for fault tests (src/local/infra.sh). */
public final class LocalInfra {

    private LocalInfra() {}

    public static void run(String command) throws Exception {
        Process process = new ProcessBuilder("src/local/infra.sh", command).inheritIO().start();
        assertThat(process.waitFor()).as("infra.sh " + command).isZero();
    }
}
