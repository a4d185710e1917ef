package nl.kennisveiligheid.screening.policy;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The policy capability's settings ({@code screening.policy.*}). */
@ConfigMapping(prefix = "screening.policy")
public interface PolicyConfig {

    /** A default policy file outside the jar (the Kubernetes ConfigMap), used instead of the built-in one. */
    Optional<String> defaultFile();

    /**
     * How many drafts may exist at once: drafts hold whole documents of up to 4 MiB, and nothing
     * else removes them.
     */
    @io.smallrye.config.WithDefault("50")
    int maxDrafts();
}
