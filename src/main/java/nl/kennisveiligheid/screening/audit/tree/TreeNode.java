package nl.kennisveiligheid.screening.audit.tree;

/**
 * A perfect subtree as it is stored: {@code level} 0 is a leaf, and the node at {@code level} and
 * {@code index} covers the leaves {@code [index * 2^level, (index + 1) * 2^level)}.
 */
public record TreeNode(int level, long index) {

    /** The perfect subtree of {@code size} leaves (a power of two) starting at leaf {@code start}. */
    static TreeNode covering(long start, long size) {
        int level = Long.numberOfTrailingZeros(size);
        return new TreeNode(level, start >>> level);
    }

    public long firstLeaf() {
        return index << level;
    }
}
