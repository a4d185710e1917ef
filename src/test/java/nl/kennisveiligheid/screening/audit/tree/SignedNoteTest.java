package nl.kennisveiligheid.screening.audit.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Signed notes against the reference vector of Go's golang.org/x/mod/sumdb/note (the note package's
 * own example, which every C2SP implementation reproduces), so that Go's and other verifiers read
 * ours: Ed25519 is deterministic, so the same key and text must give the same bytes.
 */
class SignedNoteTest {

    static final String PETER_VERIFIER = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    static final String PETER_SEED = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    static final String TEXT = "If you think cryptography is the answer to your problem,\n"
            + "then you don't know what your problem is.\n";
    static final String NOTE = TEXT + "\n\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    static PrivateKey peter() throws Exception {
        byte[] typed = Base64.getDecoder().decode(PETER_SEED);
        byte[] pkcs8 = HexFormat.of().parseHex("302e020100300506032b657004220420" + HexFormat.of().formatHex(typed, 1, 33));
        return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    }

    @Test
    void signingReproducesGosNoteByteForByte() throws Exception {
        SignedNote.NoteKey key = SignedNote.NoteKey.parse(PETER_VERIFIER);
        assertThat(HexFormat.of().formatHex(key.keyId())).isEqualTo("c74f20a3");
        assertThat(key.verifierKey()).isEqualTo(PETER_VERIFIER);
        assertThat(SignedNote.sign(TEXT, "PeterNeumann", peter(), key.publicKey())).isEqualTo(NOTE);
        assertThat(SignedNote.open(NOTE, List.of(key))).isEqualTo(TEXT);
    }

    @Test
    void aChangedTextOrSignatureIsRefused() {
        SignedNote.NoteKey key = SignedNote.NoteKey.parse(PETER_VERIFIER);
        assertThatThrownBy(() -> SignedNote.open(NOTE.replace("cryptography", "cryptographY"), List.of(key)))
                .isInstanceOf(SignedNote.Refused.class).hasMessageContaining("does not verify");
        assertThatThrownBy(() -> SignedNote.open(NOTE.replace("x08go", "x08gp"), List.of(key)))
                .isInstanceOf(SignedNote.Refused.class);
    }

    @Test
    void signaturesOfUnknownKeysAreIgnoredAndOneTrustedSignatureIsNeeded() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        SignedNote.NoteKey otherKey = new SignedNote.NoteKey("PeterNeumann", other.getPublic());
        assertThatThrownBy(() -> SignedNote.open(NOTE, List.of(otherKey)))
                .as("same name, other key ID: ignored, so nothing trusted signed it")
                .isInstanceOf(SignedNote.Refused.class).hasMessageContaining("no signature of a trusted key");
        String cosigned = SignedNote.sign(TEXT, "witness.example", other.getPrivate(), other.getPublic());
        String both = NOTE + cosigned.substring(cosigned.lastIndexOf("\n\n") + 2);
        assertThat(SignedNote.open(both, List.of(SignedNote.NoteKey.parse(PETER_VERIFIER)))).isEqualTo(TEXT);
    }

    @Test
    void aVerifierKeyWithAWrongIdIsRefused() {
        assertThatThrownBy(() -> SignedNote.NoteKey.parse(PETER_VERIFIER.replace("c74f20a3", "c74f20a4")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCheckpointIsSignedAndReadBack() throws Exception {
        KeyPair log = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String origin = "screening.kennisveiligheid.nl/decisions";
        Checkpoint checkpoint = new Checkpoint(origin, 5, MerkleTree.leafHash(new byte[] {1}));
        String note = SignedNote.sign(checkpoint.body(), origin, log.getPrivate(), log.getPublic());
        assertThat(note).startsWith(origin + "\n5\n").contains("\n\n\u2014 " + origin + " ");
        assertThat(Checkpoint.parse(SignedNote.open(note, List.of(new SignedNote.NoteKey(origin, log.getPublic())))))
                .isEqualTo(checkpoint);
        assertThatThrownBy(() -> Checkpoint.parse(origin + "\n05\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTlogProofProvesItsRecordOffline() throws Exception {
        KeyPair log = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        String origin = "screening.kennisveiligheid.nl/decisions";
        List<byte[]> records = new java.util.ArrayList<>();
        CompactRange range = new CompactRange();
        java.util.Map<TreeNode, byte[]> nodes = new java.util.HashMap<>();
        for (int i = 0; i < 7; i++) {
            byte[] record = ("{\"sequence\":" + (i + 1) + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            records.add(record);
            range.append(MerkleTree.leafHash(record)).forEach(c -> nodes.put(c.node(), c.hash()));
        }
        String note = SignedNote.sign(new Checkpoint(origin, 7, range.root()).body(), origin, log.getPrivate(), log.getPublic());
        TlogProof proof = new TlogProof(4, MerkleTree.hashes(MerkleTree.inclusionPath(4, 7), nodes::get), note);
        String text = proof.text();
        assertThat(text).startsWith("c2sp.org/tlog-proof@v1\nindex 4\n").endsWith(note);
        List<SignedNote.NoteKey> trusted = List.of(new SignedNote.NoteKey(origin, log.getPublic()));
        assertThat(TlogProof.parse(text).verify(records.get(4), origin, trusted).size()).isEqualTo(7);
        assertThatThrownBy(() -> TlogProof.parse(text).verify(records.get(3), origin, trusted))
                .isInstanceOf(SignedNote.Refused.class);
        assertThatThrownBy(() -> TlogProof.parse(text).verify(records.get(4), "another.example/log", trusted))
                .isInstanceOf(SignedNote.Refused.class);
    }
}
