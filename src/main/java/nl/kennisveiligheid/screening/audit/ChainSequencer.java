package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Gives waiting events their place in the chain, pure: from the chain's head and the events' bodies
 * in outbox order, each event gets the next sequence, the previous hash, its own hash and signature,
 * and its stored form. The stored form is the signed canonical bytes with {@code hash} and
 * {@code signature} put in their canonical places, so an event is canonicalised once.
 */
public final class ChainSequencer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChainSequencer() {}

    /** The last event of the chain: its sequence and hash (0 and the genesis hash before the first). */
    public record Head(long sequence, String hash) {

        public static final Head GENESIS = new Head(0, EventSigning.GENESIS);
    }

    /** One event with its place in the chain and the canonical JSON that is stored and sent. */
    public record Sealed(long sequence, String hash, String canonicalEvent) {}

    /**
     * The body at {@code index} of the batch could not be sealed, for the reason of type
     * {@code failure} (a class name: messages may quote the body).
     */
    public record Unsealable(int index, String failure) {}

    /**
     * The sealed events in order and the chain's new head. When a body cannot be sealed, sealing
     * stops there: {@code events} is the part before it and {@code stoppedAt} names it, because the
     * chain may not skip an event.
     */
    public record Result(List<Sealed> events, Head head, Unsealable stoppedAt) {

        public Result(List<Sealed> events, Head head) {
            this(events, head, null);
        }
    }

    public static Result seal(Head head, List<String> bodies, PrivateKey signingKey) {
        List<Sealed> sealed = new ArrayList<>(bodies.size());
        long sequence = head.sequence();
        String previous = head.hash();
        for (int i = 0; i < bodies.size(); i++) {
            EventSigning.Seal seal;
            try {
                ObjectNode event = parse(bodies.get(i));
                event.remove("hash");
                event.remove("signature");
                event.put("sequence", sequence + 1);
                event.put("prevHash", previous);
                seal = EventSigning.seal(event, signingKey);
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                return new Result(sealed, new Head(sequence, previous), new Unsealable(i, cause.getClass().getSimpleName()));
            }
            sealed.add(new Sealed(++sequence, seal.hash(), seal.canonicalEvent()));
            previous = seal.hash();
        }
        return new Result(sealed, new Head(sequence, previous));
    }

    private static ObjectNode parse(String body) {
        try {
            return (ObjectNode) JSON.readTree(body);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("an outbox body is not a JSON object", e);
        }
    }
}
