package nl.kennisveiligheid.screening.audit.tree;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The Merkle tree of RFC 9162 section 2.1 over the log: leaf {@code SHA-256(0x00 || record)}, node
 * {@code SHA-256(0x01 || left || right)}, and the tree of {@code n} leaves split at the largest power of
 * two smaller than {@code n}. Pure: hashes of stored subtrees come in through a function, so the same
 * code answers proofs from the database and recomputes them naively in tests.
 *
 * <p>Every subtree the RFC's recursion visits is a range {@code [start, end)} whose start is a
 * multiple of the largest power of two not above its size; such a range is one stored perfect
 * subtree ({@link TreeNode}) when its size is a power of two, else a perfect left part and the rest.
 */
public final class MerkleTree {

    public static final int HASH_BYTES = 32;

    private MerkleTree() {
    }

    public static byte[] leafHash(byte[] record) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x00);
        sha.update(record);
        return sha.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha = sha256();
        sha.update((byte) 0x01);
        sha.update(left);
        sha.update(right);
        return sha.digest();
    }

    /** The root of the empty tree: the hash of no bytes. */
    public static byte[] emptyRoot() {
        return sha256().digest();
    }

    /** The largest power of two smaller than {@code n} (n at least 2). */
    static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    /** The stored perfect subtrees whose hashes give the hash of {@code [start, end)}, left to right. */
    public static List<TreeNode> nodesOf(long start, long end) {
        List<TreeNode> nodes = new ArrayList<>();
        while (start < end) {
            long size = end - start;
            long part = Long.bitCount(size) == 1 ? size : split(size);
            nodes.add(TreeNode.covering(start, part));
            start += part;
        }
        return nodes;
    }

    /** The hash of the subtree {@code [start, end)}, from the stored perfect subtrees. */
    public static byte[] rangeHash(long start, long end, Function<TreeNode, byte[]> stored) {
        List<TreeNode> nodes = nodesOf(start, end);
        byte[] hash = stored.apply(nodes.get(nodes.size() - 1));
        for (int i = nodes.size() - 2; i >= 0; i--) {
            hash = nodeHash(stored.apply(nodes.get(i)), hash);
        }
        return hash;
    }

    /** The root of a tree of {@code size} leaves ({@link #emptyRoot()} for none). */
    public static byte[] root(long size, Function<TreeNode, byte[]> stored) {
        return size == 0 ? emptyRoot() : rangeHash(0, size, stored);
    }

    /**
     * The subtrees whose hashes make the inclusion proof of leaf {@code index} in a tree of
     * {@code size} (RFC 9162 2.1.3.1), from the leaf's sibling up to the root's child.
     */
    public static List<Range> inclusionPath(long index, long size) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf index " + index + " is not in a tree of size " + size);
        }
        List<Range> path = new ArrayList<>();
        long start = 0;
        long end = size;
        while (end - start > 1) {
            long k = split(end - start);
            if (index < start + k) {
                path.add(new Range(start + k, end));
                end = start + k;
            } else {
                path.add(new Range(start, start + k));
                start = start + k;
            }
        }
        java.util.Collections.reverse(path);
        return path;
    }

    /**
     * The subtrees whose hashes make the consistency proof from a tree of {@code from} leaves to one
     * of {@code to} leaves (RFC 9162 2.1.4.1, SUBPROOF), in the RFC's order.
     */
    public static List<Range> consistencyPath(long from, long to) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("no consistency proof from size " + from + " to size " + to);
        }
        List<Range> path = new ArrayList<>();
        if (from == 0 || from == to) {
            return path;
        }
        subproof(from, 0, to, true, path);
        return path;
    }

    private static void subproof(long m, long start, long end, boolean complete, List<Range> path) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                path.add(new Range(start, end));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, path);
            path.add(new Range(start + k, end));
        } else {
            subproof(m - k, start + k, end, false, path);
            path.add(new Range(start, start + k));
        }
    }

    /** The hashes of a path, from the stored perfect subtrees. */
    public static List<byte[]> hashes(List<Range> path, Function<TreeNode, byte[]> stored) {
        List<byte[]> hashes = new ArrayList<>(path.size());
        for (Range range : path) {
            hashes.add(rangeHash(range.start(), range.end(), stored));
        }
        return hashes;
    }

    /** Every stored node a path needs, so that they can be read at once. */
    public static List<TreeNode> nodesOf(List<Range> path) {
        List<TreeNode> nodes = new ArrayList<>();
        for (Range range : path) {
            nodes.addAll(nodesOf(range.start(), range.end()));
        }
        return nodes;
    }

    /**
     * Whether {@code proof} shows leaf {@code index} with hash {@code leafHash} in the tree of
     * {@code size} with {@code root} (RFC 9162 2.1.3.2).
     */
    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        if (index < 0 || index >= size) {
            return false;
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(r, root);
    }

    /**
     * Whether {@code proof} shows the tree of {@code from} leaves with {@code fromRoot} to be a prefix
     * of the tree of {@code to} leaves with {@code toRoot} (RFC 9162 2.1.4.2).
     */
    public static boolean verifyConsistency(long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
        if (from < 0 || from > to) {
            return false;
        }
        if (from == to) {
            return proof.isEmpty() && Arrays.equals(fromRoot, toRoot);
        }
        if (from == 0) {
            return proof.isEmpty();
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof);
        if (Long.bitCount(from) == 1) {
            path.add(0, fromRoot);
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (int i = 1; i < path.size(); i++) {
            byte[] c = path.get(i);
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                if ((fn & 1) == 0) {
                    while ((fn & 1) == 0 && fn != 0) {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, fromRoot) && Arrays.equals(sr, toRoot);
    }

    private static final MessageDigest SHA_256 = newSha256();

    /**
     * A fresh SHA-256, cloned from one kept unused: a verifier takes two per record, and a clone
     * skips the provider lookup of {@link MessageDigest#getInstance}.
     */
    public static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A subtree as the range of leaves {@code [start, end)} it covers. */
    public record Range(long start, long end) {
    }
}
