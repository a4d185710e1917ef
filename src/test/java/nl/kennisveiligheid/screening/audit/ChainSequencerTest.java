package nl.kennisveiligheid.screening.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * The pure sequencer: events get the next sequences, each links to the one before, the verifier
 * accepts the result, and the stored form is exactly the library's RFC 8785 form of the whole event,
 * although the event was canonicalised only once.
 */
class ChainSequencerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static KeyPair key() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private static List<String> bodies(int from, int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            bodies.add("{\"type\":\"DECISION_RECORDED\",\"eventId\":\"e-" + i + "\",\"outcome\":\"CLEARED\","
                    + "\"reasons\":{\"kind\":\"AUTOMATED\",\"areas\":[\"QUANTUM\"]},\"institution\":\"ü-" + i + "\"}");
        }
        return bodies;
    }

    @Test
    void eventsGetTheNextSequencesAndLinkIntoAChainTheVerifierAccepts() throws Exception {
        KeyPair key = key();
        ChainSequencer.Result first = ChainSequencer.seal(ChainSequencer.Head.GENESIS, bodies(0, 3), key.getPrivate());
        ChainSequencer.Result second = ChainSequencer.seal(first.head(), bodies(3, 4), key.getPrivate());

        assertThat(first.events()).extracting(ChainSequencer.Sealed::sequence).containsExactly(1L, 2L, 3L);
        assertThat(second.events()).extracting(ChainSequencer.Sealed::sequence).containsExactly(4L, 5L, 6L, 7L);
        assertThat(first.head()).isEqualTo(new ChainSequencer.Head(3, first.events().get(2).hash()));
        assertThat(second.head().sequence()).isEqualTo(7);

        ChainVerifier verifier = new ChainVerifier(key.getPublic());
        String previous = EventSigning.GENESIS;
        for (ChainSequencer.Sealed sealed : concat(first.events(), second.events())) {
            ObjectNode event = (ObjectNode) JSON.readTree(sealed.canonicalEvent());
            assertThat(event.get("prevHash").asText()).isEqualTo(previous);
            assertThat(event.get("hash").asText()).isEqualTo(sealed.hash());
            verifier.accept(event);
            previous = sealed.hash();
        }
        verifier.finish();
        assertThat(verifier.chainIntact()).isTrue();
        assertThat(verifier.signaturesValid()).isTrue();
        assertThat(verifier.eventsRead()).isEqualTo(7);
    }

    @Test
    void theStoredFormIsTheCanonicalFormOfTheWholeEvent() throws Exception {
        ChainSequencer.Result result = ChainSequencer.seal(new ChainSequencer.Head(41, "a".repeat(64)), bodies(0, 5),
                key().getPrivate());
        for (ChainSequencer.Sealed sealed : result.events()) {
            assertThat(sealed.canonicalEvent()).isEqualTo(new JsonCanonicalizer(sealed.canonicalEvent()).getEncodedString());
        }
    }

    @Test
    void sealingStopsAtABodyThatIsNoObjectAndKeepsTheEventsBeforeIt() throws Exception {
        KeyPair key = key();
        List<String> bodies = new ArrayList<>(bodies(0, 2));
        bodies.add("[1]");
        bodies.addAll(bodies(2, 2));
        ChainSequencer.Result result = ChainSequencer.seal(new ChainSequencer.Head(10, "b".repeat(64)), bodies,
                key.getPrivate());

        assertThat(result.events()).extracting(ChainSequencer.Sealed::sequence).containsExactly(11L, 12L);
        assertThat(result.head()).isEqualTo(new ChainSequencer.Head(12, result.events().get(1).hash()));
        assertThat(result.stoppedAt()).isEqualTo(new ChainSequencer.Unsealable(2, "ClassCastException"));
    }

    @Test
    void aWholeBatchThatSealsHasNoStoppingPoint() throws Exception {
        assertThat(ChainSequencer.seal(ChainSequencer.Head.GENESIS, bodies(0, 3), key().getPrivate()).stoppedAt()).isNull();
    }

    @Property(tries = 300)
    void insertingMembersEqualsCanonicalisingTheWholeObject(@ForAll("objects") Map<String, Object> object,
            @ForAll("hexes") String hash, @ForAll("hexes") String signature) throws Exception {
        object.remove("hash");
        object.remove("signature");
        String canonical = new JsonCanonicalizer(JSON.writeValueAsString(object)).getEncodedString();
        String inserted = CanonicalMembers.insert(canonical, new TreeMap<>(Map.of("hash", hash, "signature", signature)));
        Map<String, Object> whole = new java.util.HashMap<>(object);
        whole.put("hash", hash);
        whole.put("signature", signature);
        assertThat(inserted).isEqualTo(new JsonCanonicalizer(JSON.writeValueAsString(whole)).getEncodedString());
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("a", "eventId", "h", "ha", "hash0", "hasi", "i", "prevHash", "s", "sequence", "sig",
                        "signaturf", "signature0", "subject", "type", "z", "Z", "é", "\u00e9x", "\"q", "\n", "\u20ac"),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(6));
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.longs().between(-1_000_000, 1_000_000).map(l -> (Object) l),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        Arbitrary<Object> nested = Arbitraries.maps(names, leaves).ofMaxSize(3).map(m -> (Object) m);
        Arbitrary<Object> lists = leaves.list().ofMaxSize(3).map(l -> (Object) l);
        return Arbitraries.maps(names, Arbitraries.oneOf(leaves, nested, lists)).ofMaxSize(8)
                .map(java.util.HashMap::new);
    }

    @Provide
    Arbitrary<String> hexes() {
        return Arbitraries.strings().withChars("0123456789abcdef-_ABCXYZ").ofMinLength(1).ofMaxLength(64);
    }

    private static List<ChainSequencer.Sealed> concat(List<ChainSequencer.Sealed> a, List<ChainSequencer.Sealed> b) {
        List<ChainSequencer.Sealed> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
