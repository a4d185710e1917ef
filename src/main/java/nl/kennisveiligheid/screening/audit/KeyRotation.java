package nl.kennisveiligheid.screening.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import nl.kennisveiligheid.screening.keys.KeyDirectory;
import nl.kennisveiligheid.screening.keys.KeyEncryptionKeys;
import org.jboss.logging.Logger;

/**
 * Moves every case key to the current key-encryption key, so that an older one can be retired: at
 * start and every hour, in batches, on any number of replicas at once (rows being rewrapped elsewhere
 * are skipped). Locally it then destroys the keys that wrap nothing; in production the operator
 * removes them from the Secret when {@code screening_case_keys_wrapped} shows zero for them.
 */
@ApplicationScoped
public class KeyRotation {

    private static final Logger LOG = Logger.getLogger(KeyRotation.class);
    private static final int BATCH = 500;

    @Inject
    CaseKeys caseKeys;

    @Inject
    KeyEncryptionKeys keks;

    @Inject
    MeterRegistry metrics;

    private final Map<String, Long> wrapped = new ConcurrentHashMap<>();

    void atStart(@Observes StartupEvent start) {
        rotate();
    }

    @Scheduled(every = "1h", delayed = "5m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        rotate();
    }

    /** Rewraps every key not under the current key-encryption key; returns how many it rewrapped. */
    public int rotate() {
        if (keks instanceof KeyDirectory directory) {
            directory.refresh();
        }
        int total = 0;
        for (int n = caseKeys.rewrap(BATCH); n > 0; n = caseKeys.rewrap(BATCH)) {
            total += n;
        }
        if (total > 0) {
            LOG.infof("Wrapped %d case key(s) under key-encryption key %s", total, keks.currentId());
        }
        Map<String, Long> counts = caseKeys.wrappedPerKek();
        for (String id : keks.available()) {
            if (!id.equals(keks.currentId()) && counts.getOrDefault(id, 0L) == 0 && keks.retire(id)) {
                LOG.infof("Retired key-encryption key %s: it wraps no case key any more", id);
            }
        }
        keks.available().forEach(id -> counts.putIfAbsent(id, 0L));
        counts.forEach((id, count) -> {
            if (wrapped.put(id, count) == null) {
                Gauge.builder("screening.case.keys.wrapped", wrapped, m -> m.getOrDefault(id, 0L))
                        .tag("kek", id).description("Live case keys wrapped by each key-encryption key")
                        .register(metrics);
            }
        });
        wrapped.keySet().retainAll(counts.keySet());
        return total;
    }
}
