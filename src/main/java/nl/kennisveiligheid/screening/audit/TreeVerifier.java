package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.kennisveiligheid.screening.audit.tree.Checkpoint;
import nl.kennisveiligheid.screening.audit.tree.CompactRange;
import nl.kennisveiligheid.screening.audit.tree.SignedNote;

/**
 * Rebuilds the log's Merkle tree from the records as read and holds every checkpoint against it: the
 * signed checkpoints on the topic (signature, and root at their size; two of one size must agree) and
 * a trusted checkpoint an auditor brings (the latest from the service, or one kept from before). A
 * log shorter than the trusted checkpoint is truncated; another root at its size is a rewritten or
 * forked log. Pure: the records come in, a verdict goes out.
 */
public final class TreeVerifier {

    private final KeySchedule keys;
    private final CompactRange tree = new CompactRange();
    private final Map<Long, byte[]> checkpointRoots = new HashMap<>();
    private long checkpointsVerified;
    private Long firstBadCheckpoint;
    private Checkpoint trusted;
    private String trustedNote;
    private Boolean trustedVerified;
    private boolean trustedSigned = true;

    /** Checkpoints are verified under the keys the log has had so far, as the chain's verifier follows them. */
    TreeVerifier(KeySchedule keys) {
        this.keys = keys;
    }

    /**
     * Holds the log to this checkpoint, which the caller trusts. Its signature is checked when the
     * whole log has been read ({@link #finish()}), under the key the log had rotated to by then.
     */
    public TreeVerifier trust(String signedCheckpoint) {
        trusted = Checkpoint.parse(SignedNote.unverifiedText(signedCheckpoint));
        trustedNote = signedCheckpoint;
        compareTrustedAtCurrentSize();
        return this;
    }

    /** After the last record: the trusted checkpoint must be signed by one of the log's keys. */
    void finish() {
        if (trustedNote != null) {
            try {
                SignedNote.open(trustedNote, keysFor(trustedNote), EventSigning::ed25519Valid);
            } catch (SignedNote.Refused e) {
                trustedSigned = false;
            }
        }
    }

    private List<SignedNote.NoteKey> keysFor(String note) {
        String name = note.substring(0, Math.max(0, note.indexOf('\n')));
        return keys.keys().stream().map(k -> new SignedNote.NoteKey(name, k)).toList();
    }

    /** The next event of the chain, as the leaf hash of its record's bytes (leaf {@code size()}). */
    void leaf(byte[] leafHash) {
        tree.append(leafHash);
        compareTrustedAtCurrentSize();
    }

    private void compareTrustedAtCurrentSize() {
        if (trusted != null && trustedVerified == null && tree.size() == trusted.size()) {
            trustedVerified = Arrays.equals(tree.root(), trusted.rootHash());
        }
    }

    /** A checkpoint record read from the topic ({@link CheckpointRecord}). */
    void checkpoint(ObjectNode record) {
        long size = record.path("treeSize").asLong(-1);
        boolean valid;
        try {
            String note = record.path("checkpoint").asText();
            Checkpoint checkpoint = Checkpoint.parse(SignedNote.open(note, keysFor(note), EventSigning::ed25519Valid));
            byte[] known = checkpointRoots.get(checkpoint.size());
            if (checkpoint.size() != size) {
                valid = false;
            } else if (known != null) {
                valid = Arrays.equals(known, checkpoint.rootHash());
            } else if (tree.size() == size) {
                valid = Arrays.equals(tree.root(), checkpoint.rootHash());
            } else {
                // A checkpoint of a size this reading cannot rebuild (the tree has moved past it unseen).
                return;
            }
            if (valid) {
                checkpointRoots.put(checkpoint.size(), checkpoint.rootHash());
            }
        } catch (SignedNote.Refused | IllegalArgumentException e) {
            valid = false;
        }
        if (valid) {
            checkpointsVerified++;
        } else if (firstBadCheckpoint == null) {
            firstBadCheckpoint = size;
        }
    }

    /** How many checkpoints on the topic were checked against the rebuilt tree and held. */
    public long checkpointsVerified() {
        return checkpointsVerified;
    }

    /** Whether every checkpoint on the topic was signed by the log's key and matched the tree. */
    public boolean checkpointsValid() {
        return firstBadCheckpoint == null;
    }

    /** The tree size of the first checkpoint on the topic that failed, if one did. */
    public Long firstBadCheckpoint() {
        return firstBadCheckpoint;
    }

    /** The tree size of the largest checkpoint on the topic that held, 0 when none did. */
    public long largestCheckpointVerified() {
        return checkpointRoots.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /**
     * Whether the rebuilt tree has the trusted checkpoint's root at its size: null without a trusted
     * checkpoint, false when the log is shorter (truncated) or has another root there.
     */
    public Boolean trustedCheckpointVerified() {
        if (trusted == null) {
            return null;
        }
        return trustedSigned && trustedVerified != null && trustedVerified;
    }

    /** The trusted checkpoint's tree size; null without one. */
    public Long trustedSize() {
        return trusted == null ? null : trusted.size();
    }

    /** Whether the log is shorter than the trusted checkpoint says it was; null without one. */
    public Boolean truncated() {
        return trusted == null ? null : tree.size() < trusted.size();
    }

    public long size() {
        return tree.size();
    }

    public byte[] root() {
        return tree.root();
    }
}
