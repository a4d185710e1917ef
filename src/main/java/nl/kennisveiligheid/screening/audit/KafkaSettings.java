package nl.kennisveiligheid.screening.audit;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every {@code kafka.*} setting of the configuration (bootstrap servers, TLS key and trust stores in
 * production) as kafka-clients properties, so that the relay, the replay and readiness connect alike.
 */
@ApplicationScoped
public class KafkaSettings {

    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> brokerConfig;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject
    AuditConfig config;

    /** The common settings, bootstrap servers included, with {@code specific} on top. */
    public Map<String, Object> with(Map<String, Object> specific) {
        Map<String, Object> all = new HashMap<>(brokerConfig);
        all.remove("health.enabled");
        all.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        all.putAll(specific);
        return all;
    }

    public String bootstrap() {
        return bootstrap;
    }

    /** The audit log's topic ({@code screening.decisions.v1}). */
    public String topic() {
        return config.topic();
    }
}
