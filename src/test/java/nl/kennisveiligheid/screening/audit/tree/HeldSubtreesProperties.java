package nl.kennisveiligheid.screening.audit.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The subtrees held in memory for proofs against the stored tree they are read from: grown in random
 * steps across many block borders, every proof they can answer is the stored tree's, and they answer
 * nothing they do not hold.
 */
class HeldSubtreesProperties {

    @Property(tries = 100)
    void grownInStepsTheyAnswerEveryProofAsTheStoredTree(
            @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 80) Integer> steps,
            @ForAll @IntRange(min = 0, max = 3) int blockShift) {
        int size = steps.stream().mapToInt(Integer::intValue).sum();
        Stored stored = new Stored(size);
        HeldSubtrees held = new HeldSubtrees(Long.MAX_VALUE, blockShift);
        long grown = 0;
        for (int step : steps) {
            grown += step;
            assertThat(held.growTo(grown, stored::read)).isEqualTo(grown);
            for (long treeSize = 1; treeSize <= grown; treeSize++) {
                for (long index = 0; index < treeSize; index += 7) {
                    List<MerkleTree.Range> path = MerkleTree.inclusionPath(index, treeSize);
                    assertThat(held.holdsAll(MerkleTree.nodesOf(path))).isTrue();
                    assertThat(MerkleTree.hashes(path, held::get))
                            .containsExactlyElementsOf(MerkleTree.hashes(path, stored::node));
                }
                List<MerkleTree.Range> consistency = MerkleTree.consistencyPath(Math.max(1, treeSize / 3), treeSize);
                assertThat(MerkleTree.hashes(consistency, held::get))
                        .containsExactlyElementsOf(MerkleTree.hashes(consistency, stored::node));
            }
            if (grown < size) {
                List<TreeNode> beyond = MerkleTree.nodesOf(0, grown + 1);
                assertThat(held.holdsAll(beyond)).as("the root of a tree one leaf larger").isFalse();
                assertThat(held.get(new TreeNode(0, grown))).isNull();
            }
        }
    }

    @Property(tries = 50)
    void pastTheCapacityOnlyThePrefixIsHeld(@ForAll @IntRange(min = 1, max = 200) int size,
            @ForAll @IntRange(min = 0, max = 200) int capacity) {
        Stored stored = new Stored(size);
        HeldSubtrees held = new HeldSubtrees(capacity, 2);
        long now = held.growTo(size, stored::read);
        assertThat(now).isEqualTo(Math.min(size, capacity));
        assertThat(held.size()).isEqualTo(now);
        assertThat(held.get(new TreeNode(0, size - 1))).isEqualTo(size <= capacity ? stored.node(new TreeNode(0, size - 1)) : null);
    }

    @Example
    void aStoreThatLacksASubtreeFailsTheGrowthAndPublishesNothingOfIt() {
        Stored stored = new Stored(40);
        HeldSubtrees held = new HeldSubtrees(1000, 2);
        held.growTo(20, stored::read);
        stored.nodes.remove(new TreeNode(2, 7));
        assertThatThrownBy(() -> held.growTo(40, stored::read))
                .hasMessage("the stored tree lacks the subtree at level 2, index 7");
        assertThat(held.size()).isEqualTo(20);
        assertThat(held.get(new TreeNode(0, 19))).isEqualTo(stored.node(new TreeNode(0, 19)));
        assertThat(held.get(new TreeNode(0, 20))).isNull();
    }

    @Example
    void readersDuringGrowthSeeOnlyWholeHashesOfWhatIsPublished() throws InterruptedException {
        int size = 5000;
        Stored stored = new Stored(size);
        HeldSubtrees held = new HeldSubtrees(size, 3);
        AtomicReference<String> wrong = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (held.size() < size && wrong.get() == null) {
                long now = held.size();
                for (long index = 0; index < now; index += 37) {
                    List<MerkleTree.Range> path = MerkleTree.inclusionPath(index, now);
                    if (!held.holdsAll(MerkleTree.nodesOf(path))
                            || !MerkleTree.verifyInclusion(index, now, stored.node(new TreeNode(0, index)),
                                    MerkleTree.hashes(path, held::get), MerkleTree.root(now, stored::node))) {
                        wrong.set("leaf " + index + " of " + now);
                    }
                }
            }
        });
        reader.start();
        for (long grown = 1; grown <= size; grown += 13) {
            held.growTo(grown, stored::read);
        }
        held.growTo(size, stored::read);
        reader.join();
        assertThat(wrong.get()).isNull();
    }

    /** A tree as the database stores it: every completed perfect subtree, read level by level. */
    private static final class Stored {
        final Map<TreeNode, byte[]> nodes = new HashMap<>();

        Stored(int size) {
            CompactRange range = new CompactRange();
            for (int i = 0; i < size; i++) {
                for (CompactRange.Completed completed : range.append(
                        MerkleTree.leafHash(("record " + i).getBytes(StandardCharsets.UTF_8)))) {
                    nodes.put(completed.node(), completed.hash());
                }
            }
        }

        byte[] node(TreeNode node) {
            return nodes.get(node);
        }

        void read(int level, long from, long to, HeldSubtrees.HashSink into) {
            for (long index = from; index < to; index++) {
                byte[] hash = nodes.get(new TreeNode(level, index));
                if (hash == null) {
                    return;
                }
                into.accept(index, hash);
            }
        }
    }
}
