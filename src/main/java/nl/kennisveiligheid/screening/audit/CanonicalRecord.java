package nl.kennisveiligheid.screening.audit;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.erdtman.jcs.NumberToJSON;

/**
 * One log record read from its bytes in a single pass, without building a JSON tree: whether the
 * bytes are exactly RFC 8785 (JCS) canonical JSON, and where its top-level members lie. A verifier
 * needs only a few members of each record (its id, sequence, hashes, signature and type) and the
 * bytes that were hashed and signed, which for a canonical record are the record without its
 * {@code hash} and {@code signature} members; parsing the whole record into objects would cost more
 * than hashing it.
 *
 * <p>Canonical here is the RFC's section 3.2: no white space; members sorted by the UTF-16 code units
 * of their names, so no name twice; strings with only the escapes the RFC requires, in lower-case hex,
 * and well-formed UTF-8 otherwise; numbers as ECMAScript writes an IEEE double (checked by the
 * reference library's formatter, the one the service writes with); {@code true}, {@code false},
 * {@code null}. Pure.
 */
public final class CanonicalRecord {

    /** Deeper nesting than any event has: refused as not canonical rather than risking the stack. */
    private static final int MAX_DEPTH = 64;
    private static final byte[][] NAMES = names("eventId", "hash", "prevHash", "sequence", "signature", "type");
    private static final int EVENT_ID = 0;
    private static final int HASH = 1;
    private static final int PREV_HASH = 2;
    private static final int SEQUENCE = 3;
    private static final int SIGNATURE = 4;
    private static final int TYPE = 5;
    private static final com.fasterxml.jackson.databind.ObjectMapper NAME_READER = new com.fasterxml.jackson.databind.ObjectMapper();

    private final byte[] bytes;
    /** Start and end (exclusive) of each top-level member, its name's quote to its value's end. */
    private int[] members = new int[64];
    private int memberCount;
    /** Per known name: the index of its member, or -1. */
    private final int[] known = {-1, -1, -1, -1, -1, -1};
    /** Per known name: where its value starts and ends (strings without their quotes). */
    private final int[] valueStart = new int[NAMES.length];
    private final int[] valueEnd = new int[NAMES.length];
    private int at;

    private CanonicalRecord(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The record's members, or null when its bytes are not exactly a canonical JSON object. */
    public static CanonicalRecord read(byte[] record) {
        CanonicalRecord r = new CanonicalRecord(record);
        try {
            if (r.bytes.length == 0 || r.bytes[0] != '{' || !r.object(0, true) || r.at != r.bytes.length) {
                return null;
            }
        } catch (ArrayIndexOutOfBoundsException cutShort) {
            return null;
        }
        return r;
    }

    public byte[] bytes() {
        return bytes;
    }

    public String eventId() {
        return text(EVENT_ID);
    }

    public String hash() {
        return text(HASH);
    }

    public String prevHash() {
        return text(PREV_HASH);
    }

    public String signature() {
        return text(SIGNATURE);
    }

    public String type() {
        return text(TYPE);
    }

    /** The {@code sequence} member as a whole number, or -1 when there is none or it is not one. */
    public long sequence() {
        int i = known[SEQUENCE];
        if (i < 0 || valueEnd[SEQUENCE] - valueStart[SEQUENCE] > 18) {
            return -1;
        }
        long value = 0;
        for (int p = valueStart[SEQUENCE]; p < valueEnd[SEQUENCE]; p++) {
            byte b = bytes[p];
            if (b < '0' || b > '9') {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    public boolean hasSequence() {
        return known[SEQUENCE] >= 0;
    }

    /** The sink a digest or signer offers: {@code update(bytes, offset, length)}. */
    @FunctionalInterface
    public interface ByteSink {
        void update(byte[] bytes, int offset, int length);
    }

    /**
     * Feeds the bytes that were hashed and signed: the canonical object without its {@code hash} and
     * {@code signature} members, which is what removing two members leaves of a canonical object.
     */
    public void signedBytes(ByteSink sink) {
        sink.update(OPEN, 0, 1);
        boolean first = true;
        for (int m = 0; m < memberCount; m++) {
            if (m == known[HASH] || m == known[SIGNATURE]) {
                continue;
            }
            if (!first) {
                sink.update(COMMA, 0, 1);
            }
            first = false;
            sink.update(bytes, members[2 * m], members[2 * m + 1] - members[2 * m]);
        }
        sink.update(CLOSE, 0, 1);
    }

    private static final byte[] OPEN = {'{'};
    private static final byte[] CLOSE = {'}'};
    private static final byte[] COMMA = {','};

    private boolean isString(int name) {
        int m = known[name];
        return m >= 0 && bytes[valueStart[name] - 1] == '"';
    }

    /** A known member's string value as written (canonical escapes kept), or null. */
    private String text(int name) {
        if (!isString(name)) {
            return null;
        }
        return new String(bytes, valueStart[name], valueEnd[name] - valueStart[name], StandardCharsets.UTF_8);
    }

    private boolean value(int depth) {
        byte b = bytes[at];
        return switch (b) {
            case '{' -> object(depth + 1, false);
            case '[' -> array(depth + 1);
            case '"' -> string() >= 0;
            case 't' -> literal("true");
            case 'f' -> literal("false");
            case 'n' -> literal("null");
            default -> number();
        };
    }

    private boolean object(int depth, boolean top) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        at++;
        if (bytes[at] == '}') {
            at++;
            return true;
        }
        int previousName = -1;
        int previousNameEnd = -1;
        while (true) {
            int memberStart = at;
            if (bytes[at] != '"') {
                return false;
            }
            int flags = string();
            if (flags < 0) {
                return false;
            }
            int nameEnd = at;
            if (previousName >= 0 && !sortsAfter(previousName, previousNameEnd, memberStart, nameEnd, flags)) {
                return false;
            }
            previousName = memberStart;
            previousNameEnd = nameEnd;
            if (bytes[at++] != ':') {
                return false;
            }
            int start = at;
            if (!value(depth)) {
                return false;
            }
            if (top) {
                member(memberStart, nameEnd, start);
            }
            byte next = bytes[at++];
            if (next == '}') {
                return true;
            }
            if (next != ',') {
                return false;
            }
        }
    }

    private void member(int nameStart, int nameEnd, int valueAt) {
        if (memberCount * 2 == members.length) {
            members = Arrays.copyOf(members, members.length * 2);
        }
        members[2 * memberCount] = nameStart;
        members[2 * memberCount + 1] = at;
        for (int n = 0; n < NAMES.length; n++) {
            if (Arrays.equals(bytes, nameStart + 1, nameEnd - 1, NAMES[n], 0, NAMES[n].length)) {
                known[n] = memberCount;
                boolean string = bytes[valueAt] == '"';
                valueStart[n] = string ? valueAt + 1 : valueAt;
                valueEnd[n] = string ? at - 1 : at;
            }
        }
        memberCount++;
    }

    private boolean array(int depth) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        at++;
        if (bytes[at] == ']') {
            at++;
            return true;
        }
        while (true) {
            if (!value(depth)) {
                return false;
            }
            byte next = bytes[at++];
            if (next == ']') {
                return true;
            }
            if (next != ',') {
                return false;
            }
        }
    }

    /** Bytes a canonical string holds as they are: printable ASCII but the quote and the backslash. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int b = 0x20; b < 0x80; b++) {
            PLAIN[b] = b != '"' && b != '\\';
        }
    }

    private static final VarHandle EIGHT_BYTES = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /**
     * The first byte from {@code i} that is not plain string text. Most of a record is plain text (the
     * encrypted payload), so it is skipped eight bytes at a time while none of them is special.
     */
    private static int skipPlain(byte[] bytes, int i) {
        while (i + Long.BYTES <= bytes.length && allPlain((long) EIGHT_BYTES.get(bytes, i))) {
            i += Long.BYTES;
        }
        while (PLAIN[bytes[i] & 0xff]) {
            i++;
        }
        return i;
    }

    /**
     * Whether eight bytes are all {@link #PLAIN}: none at or above 0x80, none below 0x20, no quote and
     * no backslash. The tests are the exact "has a byte less than" and "has a zero byte" word tricks;
     * the first is exact only without high bytes, which the word is first checked for.
     */
    private static boolean allPlain(long word) {
        long quote = word ^ (ONES * '"');
        long backslash = word ^ (ONES * '\\');
        long control = (word - ONES * 0x20) & ~word;
        long quoteFound = (quote - ONES) & ~quote;
        long backslashFound = (backslash - ONES) & ~backslash;
        return ((word | control | quoteFound | backslashFound) & HIGH_BITS) == 0;
    }

    private static final int ESCAPED = 1;
    private static final int NON_ASCII = 2;

    /**
     * Reads a string at {@code at} (its opening quote) and moves past it; answers -1 when it is not
     * written canonically, else whether it held escapes or non-ASCII characters.
     */
    private int string() {
        int flags = 0;
        at++;
        while (true) {
            at = skipPlain(bytes, at);
            int b = bytes[at] & 0xff;
            if (b == '"') {
                at++;
                return flags;
            }
            if (b < 0x20) {
                return -1;
            }
            if (b == '\\') {
                flags |= ESCAPED;
                int e = bytes[at + 1];
                switch (e) {
                    case '"', '\\', 'b', 'f', 'n', 'r', 't' -> at += 2;
                    case 'u' -> {
                        // Only control characters without a short escape are written as \\u00xx, in lower case.
                        if (bytes[at + 2] != '0' || bytes[at + 3] != '0' || !lowerHex(bytes[at + 4]) || !lowerHex(bytes[at + 5])) {
                            return -1;
                        }
                        int c = Character.digit(bytes[at + 4], 16) * 16 + Character.digit(bytes[at + 5], 16);
                        if (c >= 0x20 || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
                            return -1;
                        }
                        at += 6;
                    }
                    default -> {
                        return -1;
                    }
                }
            } else if (b < 0x80) {
                at++;
            } else {
                flags |= NON_ASCII;
                int length = utf8Sequence(b);
                if (length < 0) {
                    return -1;
                }
                at += length;
            }
        }
    }

    private static boolean lowerHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f');
    }

    /** The length of the well-formed UTF-8 sequence at {@code at} (Unicode table 3-7), or -1. */
    private int utf8Sequence(int lead) {
        int second = bytes[at + 1] & 0xff;
        if (lead >= 0xc2 && lead <= 0xdf) {
            return continuation(second) ? 2 : -1;
        }
        int low = 0x80;
        int high = 0xbf;
        if (lead == 0xe0) {
            low = 0xa0;
        } else if (lead == 0xed) {
            high = 0x9f; // no surrogates
        } else if (lead == 0xf0) {
            low = 0x90;
        } else if (lead == 0xf4) {
            high = 0x8f;
        }
        if (second < low || second > high) {
            return -1;
        }
        if (lead >= 0xe0 && lead <= 0xef) {
            return continuation(bytes[at + 2] & 0xff) ? 3 : -1;
        }
        if (lead >= 0xf0 && lead <= 0xf4) {
            return continuation(bytes[at + 2] & 0xff) && continuation(bytes[at + 3] & 0xff) ? 4 : -1;
        }
        return -1;
    }

    private static boolean continuation(int b) {
        return b >= 0x80 && b <= 0xbf;
    }

    /**
     * Whether the name at {@code start} sorts strictly after the previous one by UTF-16 code units.
     * Plain ASCII names compare byte by byte, which is the same order; others are decoded first.
     */
    private boolean sortsAfter(int previousStart, int previousEnd, int start, int end, int flags) {
        boolean plain = flags == 0 && plainAscii(previousStart, previousEnd);
        if (plain) {
            return Arrays.compareUnsigned(bytes, previousStart + 1, previousEnd - 1, bytes, start + 1, end - 1) < 0;
        }
        return decodedName(previousStart, previousEnd).compareTo(decodedName(start, end)) < 0;
    }

    private boolean plainAscii(int start, int end) {
        for (int i = start + 1; i < end - 1; i++) {
            if (bytes[i] == '\\' || bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    private String decodedName(int start, int end) {
        try {
            return NAME_READER.readValue(bytes, start, end - start, String.class);
        } catch (IOException e) {
            throw new IllegalStateException("a name this reader accepted could not be decoded", e);
        }
    }

    private boolean literal(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (bytes[at + i] != word.charAt(i)) {
                return false;
            }
        }
        at += word.length();
        return true;
    }

    /**
     * A number in JSON's grammar, written as ECMAScript writes its double: a plain integer of up to 15
     * digits always is (it is exact as a double and has no exponent); anything else is compared with
     * the reference formatter.
     */
    private boolean number() {
        int start = at;
        if (bytes[at] == '-') {
            at++;
        }
        int digits = 0;
        if (bytes[at] == '0') {
            at++;
            digits = 1;
        } else {
            while (at < bytes.length && bytes[at] >= '0' && bytes[at] <= '9') {
                at++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        boolean plain = true;
        if (at < bytes.length && bytes[at] == '.') {
            plain = false;
            at++;
            if (!digitsFollow()) {
                return false;
            }
        }
        if (at < bytes.length && (bytes[at] == 'e' || bytes[at] == 'E')) {
            plain = false;
            at++;
            if (bytes[at] == '+' || bytes[at] == '-') {
                at++;
            }
            if (!digitsFollow()) {
                return false;
            }
        }
        if (plain && digits <= 15) {
            // ECMAScript writes negative zero as 0.
            return !(bytes[start] == '-' && bytes[start + 1] == '0');
        }
        String token = new String(bytes, start, at - start, StandardCharsets.US_ASCII);
        try {
            return NumberToJSON.serializeNumber(Double.parseDouble(token)).equals(token);
        } catch (IOException | NumberFormatException notANumber) {
            return false;
        }
    }

    private boolean digitsFollow() {
        int from = at;
        while (at < bytes.length && bytes[at] >= '0' && bytes[at] <= '9') {
            at++;
        }
        return at > from;
    }

    private static byte[][] names(String... names) {
        byte[][] out = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            out[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return out;
    }
}
