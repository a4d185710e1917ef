package nl.kennisveiligheid.screening.audit;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import nl.kennisveiligheid.screening.audit.tree.MerkleTree;

/**
 * The leaf hash of each event id's first delivery, so that a redelivery can be held to the same
 * bytes. A verifier keeps one per event of the whole log, so the usual form, a lower-case UUID, is
 * kept as two longs in flat arrays (about 70 bytes per event, no object of its own) instead of a
 * map of strings (about 160 bytes and three objects per event, which the collector copies). Any
 * other id is kept as it is, in a map. Pure; not thread-safe.
 */
final class FirstDeliveries {

    private static final int HASH = MerkleTree.HASH_BYTES;
    /** Mixed into every slot hash, so that ids crafted to collide cannot make a verifier slow. */
    private final long seed = ThreadLocalRandom.current().nextLong();
    private long[] highs = new long[1024];
    private long[] lows = new long[1024];
    /** Per slot, 1 + the entry's number in {@link #hashes}; 0 for an empty slot. */
    private int[] entries = new int[1024];
    private byte[] hashes = new byte[512 * HASH];
    private int count;
    private final Map<String, byte[]> otherIds = new HashMap<>();

    /**
     * Records {@code leafHash} as the first delivery of {@code eventId} and returns null, or returns
     * the leaf hash recorded for it before (the record is then a redelivery).
     */
    byte[] putIfAbsent(String eventId, byte[] leafHash) {
        if (!canonicalUuid(eventId)) {
            return otherIds.putIfAbsent(eventId, leafHash);
        }
        long high = hex(eventId, 0, 8) << 32 | hex(eventId, 9, 13) << 16 | hex(eventId, 14, 18);
        long low = hex(eventId, 19, 23) << 48 | hex(eventId, 24, 36);
        int mask = entries.length - 1;
        int slot = slot(high, low) & mask;
        while (entries[slot] != 0) {
            if (highs[slot] == high && lows[slot] == low) {
                int at = (entries[slot] - 1) * HASH;
                return Arrays.copyOfRange(hashes, at, at + HASH);
            }
            slot = (slot + 1) & mask;
        }
        if (count * HASH == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        System.arraycopy(leafHash, 0, hashes, count * HASH, HASH);
        count++;
        highs[slot] = high;
        lows[slot] = low;
        entries[slot] = count;
        if (count * 2 > entries.length) {
            grow();
        }
        return null;
    }

    private int slot(long high, long low) {
        // MurmurHash3's 64-bit finaliser over both halves and the seed.
        long h = (high ^ seed) * 0x9E3779B97F4A7C15L + low;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) h;
    }

    private void grow() {
        long[] oldHighs = highs;
        long[] oldLows = lows;
        int[] oldEntries = entries;
        highs = new long[oldEntries.length * 2];
        lows = new long[oldEntries.length * 2];
        entries = new int[oldEntries.length * 2];
        int mask = entries.length - 1;
        for (int i = 0; i < oldEntries.length; i++) {
            if (oldEntries[i] != 0) {
                int slot = slot(oldHighs[i], oldLows[i]) & mask;
                while (entries[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                highs[slot] = oldHighs[i];
                lows[slot] = oldLows[i];
                entries[slot] = oldEntries[i];
            }
        }
    }

    /**
     * Whether the id is a UUID exactly as {@link java.util.UUID#toString()} writes it: two spellings
     * of one UUID are two ids here, as they are on the log.
     */
    static boolean canonicalUuid(String id) {
        if (id.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static long hex(String s, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value << 4 | Character.digit(s.charAt(i), 16);
        }
        return value;
    }
}
