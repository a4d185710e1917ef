package nl.kennisveiligheid.screening.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.kennisveiligheid.screening.audit.tree.CompactRange;
import nl.kennisveiligheid.screening.audit.tree.HeldSubtrees;
import nl.kennisveiligheid.screening.audit.tree.MerkleTree;
import nl.kennisveiligheid.screening.audit.tree.TreeNode;

/**
 * The log's Merkle tree in PostgreSQL ({@code audit_tree_node}): the relay appends each sealed
 * record in the transaction that seals it, and roots and proofs read the few perfect subtrees they
 * need by primary key, in one query.
 */
final class MerkleStore {

    private MerkleStore() {
    }

    /** How many leaves the stored tree has. */
    static long size(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select coalesce(max(idx) + 1, 0) from audit_tree_node where level = 0")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Appends records (as on the topic) after the tree's {@code size} leaves, storing every completed subtree. */
    static void append(Connection c, long size, List<String> records) throws SQLException {
        if (records.isEmpty()) {
            return;
        }
        CompactRange range = CompactRange.of(size, nodes(c, MerkleTree.nodesOf(0, size))::get);
        try (PreparedStatement insert = c.prepareStatement("insert into audit_tree_node (level, idx, hash) values (?, ?, ?)")) {
            for (String record : records) {
                for (CompactRange.Completed completed : range.append(MerkleTree.leafHash(record.getBytes(StandardCharsets.UTF_8)))) {
                    insert.setShort(1, (short) completed.node().level());
                    insert.setLong(2, completed.node().index());
                    insert.setBytes(3, completed.hash());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /**
     * Brings the tree up to the chain's sequenced events when it is behind them (events sealed before
     * the tree existed), at most {@code limit} at a time; returns how many it appended.
     */
    static int catchUp(Connection c, int limit) throws SQLException {
        long size = size(c);
        List<String> records = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "select event from outbox_event where sequence > ? and sequence is not null order by sequence limit ?")) {
            s.setLong(1, size);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.add(rs.getString(1));
                }
            }
        }
        append(c, size, records);
        return records.size();
    }

    /** The stored hashes of these perfect subtrees; a missing one is an error of the store. */
    static Map<TreeNode, byte[]> nodes(Connection c, Collection<TreeNode> wanted) throws SQLException {
        Map<TreeNode, byte[]> found = new HashMap<>();
        if (wanted.isEmpty()) {
            return found;
        }
        List<Short> levels = new ArrayList<>();
        List<Long> indexes = new ArrayList<>();
        for (TreeNode node : wanted) {
            levels.add((short) node.level());
            indexes.add(node.index());
        }
        try (PreparedStatement s = c.prepareStatement("select n.level, n.idx, n.hash from audit_tree_node n"
                + " join unnest(?::smallint[], ?::bigint[]) as w(level, idx) on n.level = w.level and n.idx = w.idx")) {
            s.setArray(1, c.createArrayOf("smallint", levels.toArray()));
            s.setArray(2, c.createArrayOf("bigint", indexes.toArray()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.put(new TreeNode(rs.getShort(1), rs.getLong(2)), rs.getBytes(3));
                }
            }
        }
        for (TreeNode node : wanted) {
            if (!found.containsKey(node)) {
                throw new SQLException("the stored tree lacks the subtree at level " + node.level() + ", index " + node.index());
            }
        }
        return found;
    }

    /** Rows per query when a level is read whole; bounds what one result set holds. */
    private static final int LEVEL_READ_ROWS = 65_536;

    /** The stored hashes of one level's subtrees {@code [from, to)}, in index order. */
    static void readLevel(Connection c, int level, long from, long to, HeldSubtrees.HashSink into) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "select idx, hash from audit_tree_node where level = ? and idx >= ? and idx < ? order by idx")) {
            for (long start = from; start < to; start += LEVEL_READ_ROWS) {
                s.setShort(1, (short) level);
                s.setLong(2, start);
                s.setLong(3, Math.min(to, start + LEVEL_READ_ROWS));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        into.accept(rs.getLong(1), rs.getBytes(2));
                    }
                }
            }
        }
    }

    /** The root of the stored tree at {@code size} leaves. */
    static byte[] root(Connection c, long size) throws SQLException {
        return MerkleTree.root(size, nodes(c, MerkleTree.nodesOf(0, size))::get);
    }

    /** The hashes of a proof path, read at once. */
    static List<byte[]> hashes(Connection c, List<MerkleTree.Range> path) throws SQLException {
        return MerkleTree.hashes(path, nodes(c, MerkleTree.nodesOf(path))::get);
    }
}
