package nl.kennisveiligheid.screening.audit.tree;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing tree: the hashes of its perfect subtrees, largest first, which are all
 * that is needed to append a leaf and to compute the root (RFC 9162's root folds them from the
 * right). A verifier streams a million records through one in memory of a few dozen hashes; the relay
 * appends to one and stores each perfect subtree that an append completes.
 */
public final class CompactRange {

    private final List<byte[]> hashes = new ArrayList<>();
    private final List<TreeNode> nodes = new ArrayList<>();
    private long size;

    /** An empty tree. */
    public CompactRange() {
    }

    /** The tree of {@code size} leaves whose perfect subtrees ({@link MerkleTree#nodesOf}) have these hashes. */
    public static CompactRange of(long size, java.util.function.Function<TreeNode, byte[]> stored) {
        CompactRange range = new CompactRange();
        for (TreeNode node : MerkleTree.nodesOf(0, size)) {
            range.nodes.add(node);
            range.hashes.add(stored.apply(node));
        }
        range.size = size;
        return range;
    }

    /** A perfect subtree completed by an append, to be stored. */
    public record Completed(TreeNode node, byte[] hash) {
    }

    /** Appends a leaf's hash and returns every perfect subtree it completes, the leaf itself first. */
    public List<Completed> append(byte[] leafHash) {
        List<Completed> completed = new ArrayList<>();
        TreeNode node = new TreeNode(0, size);
        byte[] hash = leafHash;
        completed.add(new Completed(node, hash));
        while (!nodes.isEmpty() && nodes.get(nodes.size() - 1).level() == node.level()) {
            int last = nodes.size() - 1;
            hash = MerkleTree.nodeHash(hashes.remove(last), hash);
            nodes.remove(last);
            node = new TreeNode(node.level() + 1, node.index() >>> 1);
            completed.add(new Completed(node, hash));
        }
        nodes.add(node);
        hashes.add(hash);
        size++;
        return completed;
    }

    public long size() {
        return size;
    }

    /** The root of the tree as it is now. */
    public byte[] root() {
        if (hashes.isEmpty()) {
            return MerkleTree.emptyRoot();
        }
        byte[] root = hashes.get(hashes.size() - 1);
        for (int i = hashes.size() - 2; i >= 0; i--) {
            root = MerkleTree.nodeHash(hashes.get(i), root);
        }
        return root;
    }
}
