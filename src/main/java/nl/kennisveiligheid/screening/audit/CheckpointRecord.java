package nl.kennisveiligheid.screening.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.kennisveiligheid.screening.common.CanonicalJson;

/**
 * A signed checkpoint as a record on the topic, beside the events: {@code {"checkpoint": <the signed
 * note>, "treeSize": N, "type": "CHECKPOINT"}} in canonical JSON, under the record key
 * {@code checkpoint}. It has no sequence and is no leaf of the tree: it vouches for the events before
 * it, and a verifier reading the topic checks it against the tree it has rebuilt so far.
 */
public final class CheckpointRecord {

    public static final String TYPE = "CHECKPOINT";
    static final String KEY = "checkpoint";

    private CheckpointRecord() {
    }

    public static String value(long treeSize, String signedNote) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("type", TYPE);
        record.put("treeSize", treeSize);
        record.put("checkpoint", signedNote);
        return CanonicalJson.string(record);
    }

    /** Whether a record read from the topic is a checkpoint rather than an event of the chain. */
    public static boolean is(JsonNode record) {
        return is(record.path("type").asText(), record.has("sequence"));
    }

    /** The same, from a record's {@code type} and whether it has a {@code sequence}. */
    static boolean is(String type, boolean hasSequence) {
        return TYPE.equals(type) && !hasSequence;
    }
}
