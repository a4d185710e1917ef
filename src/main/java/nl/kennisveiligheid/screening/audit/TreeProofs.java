package nl.kennisveiligheid.screening.audit;

import io.agroal.api.AgroalDataSource;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import nl.kennisveiligheid.screening.audit.tree.HeldSubtrees;
import nl.kennisveiligheid.screening.audit.tree.MerkleTree;
import org.jboss.logging.Logger;

/**
 * The RFC 9162 proofs of the stored tree. The tree's perfect subtrees are also held in memory, up to
 * {@code screening.audit.tree-leaves-in-memory} leaves, so that a proof within them needs neither a
 * query nor a worker thread. A proof in a larger tree has the held subtrees catch up with the stored
 * tree in the background, and reads the database for what is not held yet. What is held cannot go
 * stale: a perfect subtree never changes once complete.
 */
@ApplicationScoped
public class TreeProofs {

    private static final Logger LOG = Logger.getLogger(TreeProofs.class);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AuditConfig config;

    @Inject
    MeterRegistry metrics;

    private HeldSubtrees held;
    private final AtomicBoolean catchingUp = new AtomicBoolean();
    /** Stored subtrees are never removed, so a tree size once stored stays stored (on every replica). */
    private final AtomicLong largestSizeSeen = new AtomicLong();

    @PostConstruct
    void hold() {
        held = new HeldSubtrees(config.treeLeavesInMemory());
        Gauge.builder("screening.audit.tree.held.leaves", held, HeldSubtrees::size)
                .description("Leaves of the log's tree whose proofs are answered from memory").register(metrics);
    }

    /** A replica that starts holds the stored tree before auditors ask, so that its first proofs are quick too. */
    void onStart(@Observes StartupEvent started) {
        catchUpSoon();
    }

    /** How many events the stored tree holds. */
    public long treeSize() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long size = MerkleStore.size(c);
            largestSizeSeen.accumulateAndGet(size, Math::max);
            return size;
        }
    }

    /**
     * Whether the stored tree holds at least {@code size} events. Asks the database only past the
     * largest size seen, which spares a proof of an event already covered a query of its own.
     */
    public boolean holds(long size) throws SQLException {
        return size <= held.size() || size <= largestSizeSeen.get() || size <= treeSize();
    }

    /** Whether proofs within a tree of {@code size} are answered from memory, without blocking. */
    public boolean answersFromMemory(long size) {
        return size <= held.size();
    }

    /** The inclusion proof of the event of {@code sequence} in the tree of {@code treeSize} events. */
    public List<byte[]> inclusionProof(long sequence, long treeSize) throws SQLException {
        return hashes(MerkleTree.inclusionPath(sequence - 1, treeSize), treeSize);
    }

    /** The consistency proof from the tree of {@code from} events to the tree of {@code to} events. */
    public List<byte[]> consistencyProof(long from, long to) throws SQLException {
        return hashes(MerkleTree.consistencyPath(from, to), to);
    }

    private List<byte[]> hashes(List<MerkleTree.Range> path, long treeSize) throws SQLException {
        if (treeSize > held.size()) {
            catchUpSoon();
        }
        if (held.holdsAll(MerkleTree.nodesOf(path))) {
            return MerkleTree.hashes(path, held::get);
        }
        try (Connection c = dataSource.getConnection()) {
            return MerkleStore.hashes(c, path);
        }
    }

    /** Has the held subtrees grow to the stored tree on a worker, unless they already are. */
    private void catchUpSoon() {
        if (held.size() >= held.capacity() || !catchingUp.compareAndSet(false, true)) {
            return;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            long started = System.nanoTime();
            long from = held.size();
            try (Connection c = dataSource.getConnection()) {
                long size = held.growTo(MerkleStore.size(c), (level, start, end, into) -> MerkleStore.readLevel(c, level, start, end, into));
                largestSizeSeen.accumulateAndGet(size, Math::max);
                LOG.debugf("The tree's subtrees are held in memory up to %d leaves (from %d, in %d ms)", size, from,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (SQLException | RuntimeException e) {
                // Proofs keep reading the database; the next one that does tries again.
                LOG.warnf("The tree's subtrees could not be read into memory: %s", e.getMessage());
            } finally {
                catchingUp.set(false);
            }
        });
    }
}
