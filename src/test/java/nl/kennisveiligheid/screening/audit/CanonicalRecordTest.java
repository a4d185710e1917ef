package nl.kennisveiligheid.screening.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * The one-pass reader of log records against the RFC 8785 reference canonicaliser: it accepts exactly
 * the bytes the reference writes, refuses every other spelling of the same content, and gives the
 * signed bytes the signer hashed.
 */
class CanonicalRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper STRICT = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    @Property(tries = 500)
    void acceptsTheReferenceFormAndNoOtherSpellingOfIt(@ForAll("objects") Map<String, Object> value) throws Exception {
        byte[] canonical = new JsonCanonicalizer(JSON.writeValueAsString(value)).getEncodedUTF8();
        assertThat(CanonicalRecord.read(canonical)).as(new String(canonical, StandardCharsets.UTF_8)).isNotNull();
        for (String other : List.of(JSON.writeValueAsString(value), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value))) {
            byte[] bytes = other.getBytes(StandardCharsets.UTF_8);
            assertThat(CanonicalRecord.read(bytes) != null).as(other).isEqualTo(java.util.Arrays.equals(bytes, canonical));
        }
    }

    /** Any byte changed, added or removed: accepted only when the result is itself some value's canonical form. */
    @Property(tries = 2000)
    void aChangedRecordIsAcceptedOnlyWhenItIsStillCanonical(@ForAll("objects") Map<String, Object> value,
            @ForAll @IntRange(min = 0, max = 10_000) int where, @ForAll("bytes") byte replacement,
            @ForAll @IntRange(min = 0, max = 2) int edit) throws Exception {
        byte[] canonical = new JsonCanonicalizer(JSON.writeValueAsString(value)).getEncodedUTF8();
        int at = where % canonical.length;
        byte[] changed = switch (edit) {
            case 0 -> {
                byte[] b = canonical.clone();
                b[at] = replacement;
                yield b;
            }
            case 1 -> concat(java.util.Arrays.copyOfRange(canonical, 0, at), new byte[] {replacement},
                    java.util.Arrays.copyOfRange(canonical, at, canonical.length));
            default -> concat(java.util.Arrays.copyOfRange(canonical, 0, at),
                    java.util.Arrays.copyOfRange(canonical, at + 1, canonical.length));
        };
        assertThat(CanonicalRecord.read(changed) != null).as(new String(changed, StandardCharsets.ISO_8859_1))
                .isEqualTo(isCanonicalObject(changed));
    }

    private static boolean isCanonicalObject(byte[] bytes) {
        try {
            java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes));
            if (!(STRICT.readTree(bytes) instanceof ObjectNode)) {
                return false;
            }
            return java.util.Arrays.equals(new JsonCanonicalizer(new String(bytes, StandardCharsets.UTF_8)).getEncodedUTF8(), bytes);
        } catch (Exception notJson) {
            return false;
        }
    }

    @Test
    void refusesWhatTheRfcDoesNotWrite() {
        for (String other : List.of(
                "{\"a\":1,\"a\":2}", // a name twice
                "{\"b\":1,\"a\":2}", // out of order
                "{\"a\": 1}", " {\"a\":1}", "{\"a\":1}\n", // white space
                "{\"a\":\"\\u0041\"}", "{\"a\":\"\\u001F\"}", "{\"a\":\"\\u000a\"}", "{\"a\":\"\\/\"}", // escapes not required
                "{\"a\":\"\u0001\"}", // a raw control character
                "{\"a\":1.0}", "{\"a\":1e3}", "{\"a\":-0}", "{\"a\":01}", "{\"a\":+1}", "{\"a\":1E+30}", // numbers
                "{\"a\":tru}", "{\"a\":1", "[1]", "\"a\"", "{\"a\":1}}", "")) {
            assertThat(CanonicalRecord.read(other.getBytes(StandardCharsets.UTF_8))).as(other).isNull();
        }
        for (byte[] malformed : List.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc0, (byte) 0x80, '"', '}'}, // overlong
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', '}'}, // a surrogate
                new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, '"', '}'})) {
            assertThat(CanonicalRecord.read(malformed)).isNull();
        }
        for (String canonical : List.of("{}", "{\"a\":\"\\u001f\",\"b\":[1e+30,4.5,0.002,-1,true,null,{}],\"c\":\"é😀\"}",
                "{\"\\r\":1,\"1\":2,\"\u0080\":3,\"\u00f6\":4,\"\u20ac\":5,\"\ud83d\ude00\":6,\"\ufb33\":7}")) {
            assertThat(CanonicalRecord.read(canonical.getBytes(StandardCharsets.UTF_8))).as(canonical).isNotNull();
        }
    }

    @Test
    void aSealedEventGivesItsMembersAndTheBytesItsSignerHashed() throws Exception {
        KeyPair key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ObjectNode event = JSON.createObjectNode().put("caseId", "c-1").put("eventId", "e-1").put("outcome", "CLEARED")
                .put("prevHash", EventSigning.GENESIS).put("sequence", 42).put("type", "DECISION_RECORDED");
        EventSigning.Seal seal = EventSigning.seal(event, key.getPrivate());
        CanonicalRecord record = CanonicalRecord.read(seal.canonicalEvent().getBytes(StandardCharsets.UTF_8));

        assertThat(record).isNotNull();
        assertThat(record.eventId()).isEqualTo("e-1");
        assertThat(record.sequence()).isEqualTo(42);
        assertThat(record.prevHash()).isEqualTo(EventSigning.GENESIS);
        assertThat(record.hash()).isEqualTo(seal.hash());
        assertThat(record.signature()).isEqualTo(seal.signature());
        assertThat(record.type()).isEqualTo("DECISION_RECORDED");
        java.io.ByteArrayOutputStream signed = new java.io.ByteArrayOutputStream();
        record.signedBytes(signed::write);
        assertThat(signed.toByteArray()).isEqualTo(EventSigning.signedBytes(event));
        assertThat(EventSigning.signatureValid(record.signature(), record::signedBytes, key.getPublic())).isTrue();

        CanonicalRecord checkpoint = CanonicalRecord.read(CheckpointRecord.value(7, "note").getBytes(StandardCharsets.UTF_8));
        assertThat(checkpoint.hasSequence()).isFalse();
        assertThat(checkpoint.hash()).isNull();
        assertThat(checkpoint.sequence()).isEqualTo(-1);
    }

    @Provide
    Arbitrary<Byte> bytes() {
        return Arbitraries.oneOf(Arbitraries.of((byte) '"', (byte) '\\', (byte) ',', (byte) ':', (byte) '{', (byte) '}',
                (byte) '[', (byte) ']', (byte) ' ', (byte) '0', (byte) '1', (byte) '-', (byte) '.', (byte) 'e', (byte) 'a',
                (byte) 'u', (byte) 0x80, (byte) 0xc3, (byte) 0xe2, (byte) 0xf0, (byte) 0x00, (byte) 0x1f),
                Arbitraries.bytes());
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        Arbitrary<String> text = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0020', '\u007e').ofMaxLength(8),
                Arbitraries.strings().withCharRange('\u0000', '\u0040').ofMaxLength(6),
                Arbitraries.of("\u20ac", "\ud83d\ude00", "李伟", "\u2028", "é", "\"\\/", "\u007f"));
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                text.map(s -> (Object) s),
                Arbitraries.longs().between(-9_007_199_254_740_991L, 9_007_199_254_740_991L).map(l -> (Object) l),
                Arbitraries.doubles().between(-1e12, 1e12).ofScale(4).map(d -> (Object) d),
                Arbitraries.of(1e30, 1e-7, 0.1, 123456789012.5, -2.5e-10).map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        Arbitrary<Object> nested = Arbitraries.maps(text, leaves).ofMaxSize(4).map(m -> (Object) new HashMap<>(m));
        Arbitrary<Object> lists = Arbitraries.oneOf(leaves, nested).list().ofMaxSize(4).map(l -> (Object) List.copyOf(
                l.stream().map(x -> x == null ? "null" : x).toList()));
        return Arbitraries.maps(text, Arbitraries.oneOf(leaves, nested, lists)).ofMinSize(1).ofMaxSize(8).map(HashMap::new);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
