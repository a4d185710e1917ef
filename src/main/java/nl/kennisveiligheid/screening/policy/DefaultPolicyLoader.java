package nl.kennisveiligheid.screening.policy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * Publishes the default policy shipped in {@code src/main/resources/policy/} on the first start
 * against an empty database, so that a new installation screens from its first request.
 */
@ApplicationScoped
public class DefaultPolicyLoader {

    public static final String RESOURCE = "policy/default-policy.yaml";
    /** YAML read as strictly as JSON: unknown fields and duplicate keys are refused, not resolved. */
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Logger LOG = Logger.getLogger(DefaultPolicyLoader.class);

    @Inject
    PolicyService policies;

    @Inject
    PolicyConfig config;

    void onStart(@Observes StartupEvent event) {
        String version = QuarkusTransaction.requiringNew().call(() -> {
            // Replicas starting together create the draft one after the other.
            Panache.getEntityManager().createNativeQuery("select pg_advisory_xact_lock(8124302)").getSingleResult();
            if (PolicyVersion.count("status", PolicyVersion.PUBLISHED) > 0) {
                return null;
            }
            PolicyDocument document = config.defaultFile().map(DefaultPolicyLoader::readFile)
                    .orElseGet(DefaultPolicyLoader::readDefault);
            PolicyVersion earlier = PolicyVersion.findById(document.version());
            policies.create(document, "system", earlier == null ? null : earlier.contentHash);
            return document.version();
        });
        if (version == null) {
            return;
        }
        try {
            policies.publish(version, null, "system");
            LOG.infof("Published the default policy version %s", version);
        } catch (nl.kennisveiligheid.screening.common.ProblemException published) {
            // Another replica published it first.
            LOG.debugf("The default policy version %s was published by another replica", version);
        }
    }

    static PolicyDocument readFile(String file) {
        try {
            return YAML.readValue(java.nio.file.Path.of(file).toFile(), PolicyDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static PolicyDocument readDefault() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("default policy resource missing: " + RESOURCE);
            }
            return YAML.readValue(in, PolicyDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
