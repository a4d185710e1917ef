package nl.kennisveiligheid.screening.policy;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** The policy capability's settings ({@code screening.policy.*}). */
@ConfigMapping(prefix = "screening.policy")
public interface PolicyConfig {

    /** A default policy file outside the jar (the Kubernetes ConfigMap), used instead of the built-in one. */
    Optional<String> defaultFile();
}
