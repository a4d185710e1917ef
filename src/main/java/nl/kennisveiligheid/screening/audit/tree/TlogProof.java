package nl.kennisveiligheid.screening.audit.tree;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A C2SP {@code tlog-proof}: the leaf index, the inclusion proof from the leaf's sibling up, and the
 * signed checkpoint it leads to, verbatim. Kept with the record, it proves offline and without the
 * service that the record is in the log the checkpoint's key signed.
 */
public record TlogProof(long index, List<byte[]> hashes, String signedCheckpoint) {

    static final String HEADER = "c2sp.org/tlog-proof@v1";

    public TlogProof {
        hashes = List.copyOf(hashes);
    }

    public String text() {
        StringBuilder text = new StringBuilder(HEADER).append('\n').append("index ").append(index).append('\n');
        for (byte[] hash : hashes) {
            text.append(Base64.getEncoder().encodeToString(hash)).append('\n');
        }
        return text.append('\n').append(signedCheckpoint).toString();
    }

    /** Reads a proof; extra data, which the format allows and nobody may trust, is skipped. */
    public static TlogProof parse(String text) {
        String[] lines = text.split("\n", -1);
        int line = 0;
        if (lines.length < 3 || !lines[line++].equals(HEADER)) {
            throw new IllegalArgumentException("a tlog-proof starts with " + HEADER);
        }
        if (lines[line].startsWith("extra ")) {
            line++;
        }
        if (!lines[line].matches("index (0|[1-9][0-9]{0,18})")) {
            throw new IllegalArgumentException("a tlog-proof names its index without leading zeros");
        }
        long index = Long.parseLong(lines[line++].substring("index ".length()));
        List<byte[]> hashes = new ArrayList<>();
        while (line < lines.length && !lines[line].isEmpty()) {
            byte[] hash = Base64.getDecoder().decode(lines[line++]);
            if (hash.length != MerkleTree.HASH_BYTES) {
                throw new IllegalArgumentException("an inclusion proof holds SHA-256 hashes");
            }
            hashes.add(hash);
        }
        if (line >= lines.length) {
            throw new IllegalArgumentException("a tlog-proof ends with its checkpoint after an empty line");
        }
        StringBuilder checkpoint = new StringBuilder();
        for (int i = line + 1; i < lines.length; i++) {
            checkpoint.append(lines[i]);
            if (i < lines.length - 1) {
                checkpoint.append('\n');
            }
        }
        return new TlogProof(index, hashes, checkpoint.toString());
    }

    /**
     * Whether this proves {@code record} at its index in a checkpoint of {@code origin} signed by a
     * trusted key; returns the checkpoint it verified against.
     */
    public Checkpoint verify(byte[] record, String origin, List<SignedNote.NoteKey> trusted) throws SignedNote.Refused {
        Checkpoint checkpoint = Checkpoint.parse(SignedNote.open(signedCheckpoint, trusted));
        if (!checkpoint.origin().equals(origin)) {
            throw new SignedNote.Refused("the checkpoint is of another log");
        }
        if (!MerkleTree.verifyInclusion(index, checkpoint.size(), MerkleTree.leafHash(record), hashes, checkpoint.rootHash())) {
            throw new SignedNote.Refused("the inclusion proof does not lead to the checkpoint's root");
        }
        return checkpoint;
    }
}
