package nl.kennisveiligheid.screening.audit;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/**
 * Every {@code kafka.*} setting of the configuration (bootstrap servers, TLS key and trust stores in
 * production) as kafka-clients properties, so that the relay, the replay and readiness connect alike.
 */
@ApplicationScoped
public class KafkaSettings {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> brokerConfig;

    /** The common settings with {@code specific} on top. */
    public Map<String, Object> with(Map<String, Object> specific) {
        Map<String, Object> all = new HashMap<>(brokerConfig);
        all.remove("health.enabled");
        all.putAll(specific);
        return all;
    }
}
