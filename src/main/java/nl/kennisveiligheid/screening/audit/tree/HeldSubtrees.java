package nl.kennisveiligheid.screening.audit.tree;

import java.util.Arrays;
import java.util.Collection;

/**
 * The hashes of every perfect subtree of a tree's first {@link #size()} leaves, held in memory so that
 * a proof needs no query: about 64 bytes per leaf (the leaf's hash and its share of the levels above).
 *
 * <p>A perfect subtree's hash never changes once its last leaf is in (the tree is append-only), so
 * nothing held can go stale and the holder only grows. Readers take no lock: a writer publishes a
 * larger size only after the hashes it covers, and a level's last block is replaced, never written
 * in place, so a reader sees either the old block or the new one, both right for the size it read.
 */
public final class HeldSubtrees {

    private static final int HASH = MerkleTree.HASH_BYTES;
    /** Hashes per block: blocks of 1 MiB keep a growth from copying more than that per level. */
    private static final int DEFAULT_BLOCK_SHIFT = 15;

    private final int blockShift;
    private final int block;
    private final long capacity;
    /** Per level, its blocks of hashes; published before {@link #size}. */
    private volatile byte[][][] levels = new byte[0][][];
    private volatile long size;

    /** Holds trees of up to {@code capacity} leaves (64 bytes each); past it, only that prefix. */
    public HeldSubtrees(long capacity) {
        this(capacity, DEFAULT_BLOCK_SHIFT);
    }

    /** With blocks of {@code 2^blockShift} hashes; small ones let a test cross many block borders. */
    HeldSubtrees(long capacity, int blockShift) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative");
        }
        this.capacity = capacity;
        this.blockShift = blockShift;
        this.block = 1 << blockShift;
    }

    /** How many leaves are held, with every perfect subtree over them. */
    public long size() {
        return size;
    }

    /** The most leaves this will hold. */
    public long capacity() {
        return capacity;
    }

    /** The hash of a perfect subtree, or null when it is not held (yet, or beyond the capacity). */
    public byte[] get(TreeNode node) {
        if (!within(node, size)) {
            return null;
        }
        byte[] hashes = levels[node.level()][(int) (node.index() >>> blockShift)];
        int at = (int) (node.index() & (block - 1)) * HASH;
        return Arrays.copyOfRange(hashes, at, at + HASH);
    }

    /** Whether every one of these subtrees is held. */
    public boolean holdsAll(Collection<TreeNode> nodes) {
        long held = size;
        for (TreeNode node : nodes) {
            if (!within(node, held)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a tree of {@code leaves} leaves has completed this perfect subtree. */
    private static boolean within(TreeNode node, long leaves) {
        return node.level() < 63 && node.index() < leaves >>> node.level();
    }

    /** Reads, for one level, the stored hashes of the subtrees {@code [from, to)} in index order. */
    @FunctionalInterface
    public interface LevelReader<E extends Exception> {
        void read(int level, long from, long to, HashSink into) throws E;
    }

    /** Takes the hashes a {@link LevelReader} reads, one by one. */
    @FunctionalInterface
    public interface HashSink {
        void accept(long index, byte[] hash);
    }

    /**
     * Grows to {@code newSize} leaves (at most the capacity), reading what is not held yet level by
     * level; returns the size now held. A reader that skips or reorders a hash fails the growth, and
     * nothing of it is published.
     */
    public synchronized <E extends Exception> long growTo(long newSize, LevelReader<E> reader) throws E {
        long target = Math.min(newSize, capacity);
        long from = size;
        if (target <= from) {
            return from;
        }
        int height = 64 - Long.numberOfLeadingZeros(target);
        byte[][][] grown = Arrays.copyOf(levels, Math.max(levels.length, height));
        for (int level = 0; level < height; level++) {
            long have = from >>> level;
            long want = target >>> level;
            if (want > have) {
                grown[level] = fill(grown[level] == null ? new byte[0][] : grown[level], level, have, want, reader);
            }
        }
        levels = grown;
        size = target;
        return target;
    }

    private <E extends Exception> byte[][] fill(byte[][] blocks, int level, long have, long want,
            LevelReader<E> reader) throws E {
        byte[][] grown = Arrays.copyOf(blocks, (int) ((want + block - 1) >>> blockShift));
        long[] next = {have};
        reader.read(level, have, want, (index, hash) -> {
            if (index != next[0] || index >= want || hash.length != HASH) {
                throw new IllegalStateException("the stored tree lacks the subtree at level " + level + ", index " + next[0]);
            }
            int in = (int) (index >>> blockShift);
            int at = (int) (index & (block - 1)) * HASH;
            grown[in] = room(grown[in], at + HASH, index, want);
            System.arraycopy(hash, 0, grown[in], at, HASH);
            next[0]++;
        });
        if (next[0] != want) {
            throw new IllegalStateException("the stored tree lacks the subtree at level " + level + ", index " + next[0]);
        }
        return grown;
    }

    /**
     * A block with room for {@code bytes}, sized for the level's hashes up to {@code want}. A block
     * of an earlier growth is exactly full, so it is copied, never written where readers may be.
     */
    private byte[] room(byte[] hashes, int bytes, long index, long want) {
        if (hashes != null && hashes.length >= bytes) {
            return hashes;
        }
        long inBlock = Math.min(block, want - (index & ~(long) (block - 1)));
        return hashes == null ? new byte[(int) inBlock * HASH] : Arrays.copyOf(hashes, (int) inBlock * HASH);
    }
}
