package nl.kennisveiligheid.screening.audit.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The tree's proofs held against a naive recomputation written straight from RFC 9162's recursive
 * definitions (MTH, PATH, SUBPROOF) over the leaves themselves, for random tree sizes.
 */
class MerkleTreeProperties {

    @Property(tries = 300)
    void theRootFromStoredSubtreesIsTheRfcRoot(@ForAll @IntRange(min = 0, max = 300) int size) {
        Tree tree = new Tree(size);
        assertThat(MerkleTree.root(size, tree::stored)).isEqualTo(Naive.mth(tree.leaves, 0, size));
        assertThat(tree.range.root()).isEqualTo(Naive.mth(tree.leaves, 0, size));
    }

    @Property(tries = 300)
    void inclusionProofsAreTheRfcPathAndVerify(@ForAll @IntRange(min = 1, max = 300) int size,
            @ForAll @IntRange(min = 0, max = 299) int index) {
        Assume.that(index < size);
        Tree tree = new Tree(size);
        List<byte[]> proof = MerkleTree.hashes(MerkleTree.inclusionPath(index, size), tree::stored);
        assertThat(proof).containsExactlyElementsOf(Naive.path(index, tree.leaves, 0, size));
        byte[] root = Naive.mth(tree.leaves, 0, size);
        assertThat(MerkleTree.verifyInclusion(index, size, tree.leaves.get(index), proof, root)).isTrue();
    }

    @Property(tries = 300)
    void anAlteredInclusionProofFails(@ForAll @IntRange(min = 2, max = 300) int size,
            @ForAll @IntRange(min = 0, max = 299) int index, @ForAll @IntRange(min = 0, max = 40) int which) {
        Assume.that(index < size);
        Tree tree = new Tree(size);
        List<byte[]> proof = new ArrayList<>(MerkleTree.hashes(MerkleTree.inclusionPath(index, size), tree::stored));
        byte[] root = Naive.mth(tree.leaves, 0, size);
        int at = which % proof.size();
        byte[] altered = proof.get(at).clone();
        altered[0] ^= 1;
        proof.set(at, altered);
        assertThat(MerkleTree.verifyInclusion(index, size, tree.leaves.get(index), proof, root)).isFalse();
        assertThat(MerkleTree.verifyInclusion((index + 1) % size, size, tree.leaves.get(index),
                MerkleTree.hashes(MerkleTree.inclusionPath(index, size), tree::stored), root))
                .as("a proof does not serve another index").isFalse();
    }

    @Property(tries = 300)
    void consistencyProofsAreTheRfcSubproofAndVerify(@ForAll @IntRange(min = 1, max = 300) int to,
            @ForAll @IntRange(min = 1, max = 300) int from) {
        Assume.that(from <= to);
        Tree tree = new Tree(to);
        List<byte[]> proof = MerkleTree.hashes(MerkleTree.consistencyPath(from, to), tree::stored);
        List<byte[]> naive = from == to ? List.of() : Naive.subproof(from, tree.leaves, 0, to, true);
        assertThat(proof).containsExactlyElementsOf(naive);
        byte[] fromRoot = Naive.mth(tree.leaves, 0, from);
        byte[] toRoot = Naive.mth(tree.leaves, 0, to);
        assertThat(MerkleTree.verifyConsistency(from, to, fromRoot, toRoot, proof)).isTrue();
    }

    @Property(tries = 300)
    void aForkedTreeIsNotConsistent(@ForAll @IntRange(min = 2, max = 300) int to,
            @ForAll @IntRange(min = 0, max = 1000) int a, @ForAll @IntRange(min = 0, max = 1000) int b) {
        int from = 1 + a % (to - 1);
        int changed = b % from;
        Tree tree = new Tree(to);
        Tree fork = new Tree(to);
        fork.leaves.set(changed, MerkleTree.leafHash(("other " + changed).getBytes(StandardCharsets.UTF_8)));
        byte[] forkedFromRoot = Naive.mth(fork.leaves, 0, from);
        List<byte[]> proof = MerkleTree.hashes(MerkleTree.consistencyPath(from, to), tree::stored);
        assertThat(MerkleTree.verifyConsistency(from, to, forkedFromRoot, Naive.mth(tree.leaves, 0, to), proof)).isFalse();
    }

    @Property(tries = 100)
    void appendingCompletesEveryPerfectSubtreeOnce(@ForAll @IntRange(min = 1, max = 300) int size) {
        Tree tree = new Tree(size);
        for (Map.Entry<TreeNode, byte[]> node : tree.nodes.entrySet()) {
            long first = node.getKey().firstLeaf();
            assertThat(node.getValue()).isEqualTo(Naive.mth(tree.leaves, first, first + (1L << node.getKey().level())));
        }
        CompactRange resumed = CompactRange.of(size, tree::stored);
        assertThat(resumed.root()).isEqualTo(tree.range.root());
    }

    @Example
    void theEmptyTreeHasTheHashOfNothing() {
        assertThat(HexFormat.of().formatHex(MerkleTree.emptyRoot()))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    @Example
    void theRfcHashesAreDomainSeparated() {
        byte[] record = "{}".getBytes(StandardCharsets.UTF_8);
        byte[] leaf = MerkleTree.leafHash(record);
        assertThat(leaf).isNotEqualTo(MerkleTree.sha256().digest(record));
        assertThat(MerkleTree.nodeHash(leaf, leaf)).isNotEqualTo(MerkleTree.leafHash(concat(leaf, leaf)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** A tree built as the relay builds it: leaves appended, completed subtrees kept. */
    private static final class Tree {
        final List<byte[]> leaves = new ArrayList<>();
        final Map<TreeNode, byte[]> nodes = new HashMap<>();
        final CompactRange range = new CompactRange();

        Tree(int size) {
            for (int i = 0; i < size; i++) {
                byte[] leaf = MerkleTree.leafHash(("record " + i).getBytes(StandardCharsets.UTF_8));
                leaves.add(leaf);
                for (CompactRange.Completed completed : range.append(leaf)) {
                    assertThat(nodes.put(completed.node(), completed.hash())).as("completed once").isNull();
                }
            }
        }

        byte[] stored(TreeNode node) {
            byte[] hash = nodes.get(node);
            assertThat(hash).as("stored node %s", node).isNotNull();
            return hash;
        }
    }

    /** RFC 9162 2.1.1, 2.1.3.1 and 2.1.4.1, recursively and over the leaf hashes, as written there. */
    private static final class Naive {

        static byte[] mth(List<byte[]> leaves, long start, long end) {
            long n = end - start;
            if (n == 0) {
                return MerkleTree.sha256().digest();
            }
            if (n == 1) {
                return leaves.get((int) start);
            }
            long k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            return MerkleTree.nodeHash(mth(leaves, start, start + k), mth(leaves, start + k, end));
        }

        static List<byte[]> path(long m, List<byte[]> leaves, long start, long end) {
            long n = end - start;
            List<byte[]> path = new ArrayList<>();
            if (n <= 1) {
                return path;
            }
            long k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            if (m < k) {
                path.addAll(path(m, leaves, start, start + k));
                path.add(mth(leaves, start + k, end));
            } else {
                path.addAll(path(m - k, leaves, start + k, end));
                path.add(mth(leaves, start, start + k));
            }
            return path;
        }

        static List<byte[]> subproof(long m, List<byte[]> leaves, long start, long end, boolean b) {
            long n = end - start;
            List<byte[]> proof = new ArrayList<>();
            if (m == n) {
                if (!b) {
                    proof.add(mth(leaves, start, end));
                }
                return proof;
            }
            long k = 1;
            while (k * 2 < n) {
                k *= 2;
            }
            if (m <= k) {
                proof.addAll(subproof(m, leaves, start, start + k, b));
                proof.add(mth(leaves, start + k, end));
            } else {
                proof.addAll(subproof(m - k, leaves, start + k, end, false));
                proof.add(mth(leaves, start, start + k));
            }
            return proof;
        }
    }
}
