package nl.kennisveiligheid.screening.audit.tree;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * C2SP {@code signed-note} with Ed25519 (signature type 0x01): a text ending in a newline, a blank
 * line, and signature lines {@code — <key name> base64(key ID || signature)}. The key ID is
 * {@code SHA-256(key name || 0x0A || 0x01 || public key)[:4]}; a verifier ignores signatures of keys
 * it does not know and refuses the note when a known key's signature fails or none verifies.
 */
public final class SignedNote {

    private static final String DASH = "\u2014 ";
    private static final byte ED25519 = 0x01;
    private static final int MAX_SIGNATURES = 16;

    private SignedNote() {
    }

    /** A key a verifier trusts: its name, and its Ed25519 public key. */
    public record NoteKey(String name, PublicKey publicKey) {

        public NoteKey {
            if (name.isEmpty() || name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '+')) {
                throw new IllegalArgumentException("a key name is not empty and has no spaces or plus signs");
            }
        }

        public byte[] keyId() {
            return SignedNote.keyId(name, publicKey);
        }

        /**
         * Reads a verifier key as Go's note package writes it ({@code name+hex key ID+base64(0x01 ||
         * key)}), refusing one whose key ID is not the one its name and key give.
         */
        public static NoteKey parse(String verifierKey) {
            int first = verifierKey.indexOf('+');
            int second = first < 0 ? -1 : verifierKey.indexOf('+', first + 1);
            if (first <= 0 || second < 0) {
                throw new IllegalArgumentException("a verifier key is name+keyid+key");
            }
            byte[] typed = Base64.getDecoder().decode(verifierKey.substring(second + 1));
            if (typed.length != 33 || typed[0] != ED25519) {
                throw new IllegalArgumentException("only Ed25519 verifier keys (type 0x01) are accepted");
            }
            NoteKey key = new NoteKey(verifierKey.substring(0, first), SignedNote.publicKey(Arrays.copyOfRange(typed, 1, 33)));
            if (!java.util.HexFormat.of().formatHex(key.keyId()).equals(verifierKey.substring(first + 1, second))) {
                throw new IllegalArgumentException("the verifier key's ID does not match its name and key");
            }
            return key;
        }

        /** The verifier key as Go's note package writes it: {@code name+hex key ID+base64(0x01 || key)}. */
        public String verifierKey() {
            byte[] typed = new byte[33];
            typed[0] = ED25519;
            System.arraycopy(raw(publicKey), 0, typed, 1, 32);
            return name + "+" + java.util.HexFormat.of().formatHex(keyId()) + "+" + Base64.getEncoder().encodeToString(typed);
        }
    }

    private static final byte[] X509_PREFIX = java.util.HexFormat.of().parseHex("302a300506032b6570032100");

    /** An Ed25519 public key from its 32-byte RFC 8032 encoding. */
    public static PublicKey publicKey(byte[] raw) {
        byte[] encoded = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, encoded, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, encoded, X509_PREFIX.length, 32);
        try {
            return java.security.KeyFactory.getInstance("Ed25519").generatePublic(new java.security.spec.X509EncodedKeySpec(encoded));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key");
        }
    }

    /** The 32-byte RFC 8032 encoding of an Ed25519 public key (the end of its X.509 form). */
    public static byte[] raw(PublicKey publicKey) {
        byte[] encoded = publicKey.getEncoded();
        return Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
    }

    public static byte[] keyId(String name, PublicKey publicKey) {
        MessageDigest sha = MerkleTree.sha256();
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0x0A);
        sha.update(ED25519);
        sha.update(raw(publicKey));
        return Arrays.copyOf(sha.digest(), 4);
    }

    /** Signs {@code text} (which ends in a newline) and returns the whole note. */
    public static String sign(String text, String keyName, PrivateKey key, PublicKey publicKey) {
        checkText(text);
        byte[] signature = ed25519(key, text.getBytes(StandardCharsets.UTF_8));
        byte[] line = new byte[4 + signature.length];
        System.arraycopy(keyId(keyName, publicKey), 0, line, 0, 4);
        System.arraycopy(signature, 0, line, 4, signature.length);
        return text + "\n" + DASH + keyName + " " + Base64.getEncoder().encodeToString(line) + "\n";
    }

    /**
     * The note's text, before any signature is checked: for a caller that checks the signatures later,
     * once it knows the keys (a verifier following the log's key rotations).
     */
    public static String unverifiedText(String note) {
        int split = note.lastIndexOf("\n\n");
        if (split < 0) {
            throw new IllegalArgumentException("not a signed note: no blank line before the signatures");
        }
        return note.substring(0, split + 1);
    }

    /** Why a note was refused; never holds the note's content. */
    public static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    /**
     * The note's text, if a trusted key signed it: at least one signature of a key in {@code trusted}
     * verifies and none of them fails.
     */
    public static String open(String note, List<NoteKey> trusted) throws Refused {
        return open(note, trusted, SignedNote::verifies);
    }

    /** One Ed25519 verification (RFC 8032); a caller that opens many notes may bring a faster one than the JDK's. */
    @FunctionalInterface
    public interface Ed25519Check {
        boolean verifies(PublicKey key, byte[] message, byte[] signature);
    }

    /** {@link #open(String, List)} with the signatures checked by {@code ed25519}. */
    public static String open(String note, List<NoteKey> trusted, Ed25519Check ed25519) throws Refused {
        int split = note.lastIndexOf("\n\n");
        if (split < 0 || !note.endsWith("\n")) {
            throw new Refused("not a signed note: no blank line before the signatures");
        }
        String text = note.substring(0, split + 1);
        try {
            checkText(text);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        String[] lines = note.substring(split + 2, note.length() - 1).split("\n", -1);
        if (lines.length > MAX_SIGNATURES) {
            throw new Refused("a note with more than " + MAX_SIGNATURES + " signatures");
        }
        boolean verified = false;
        for (String line : lines) {
            Optional<NoteKey> key = parseAndMatch(line, trusted);
            if (key.isEmpty()) {
                continue;
            }
            byte[] decoded = Base64.getDecoder().decode(line.substring(line.lastIndexOf(' ') + 1));
            if (!ed25519.verifies(key.get().publicKey(), text.getBytes(StandardCharsets.UTF_8),
                    Arrays.copyOfRange(decoded, 4, decoded.length))) {
                throw new Refused("the signature of trusted key " + key.get().name() + " does not verify");
            }
            verified = true;
        }
        if (!verified) {
            throw new Refused("no signature of a trusted key");
        }
        return text;
    }

    private static Optional<NoteKey> parseAndMatch(String line, List<NoteKey> trusted) throws Refused {
        if (!line.startsWith(DASH)) {
            throw new Refused("a signature line starts with an em dash and a space");
        }
        String rest = line.substring(DASH.length());
        int space = rest.indexOf(' ');
        if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
            throw new Refused("a signature line is the key name and the signature");
        }
        String name = rest.substring(0, space);
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new Refused("a signature is standard base64");
        }
        if (decoded.length < 5) {
            throw new Refused("a signature has a key ID and signature bytes");
        }
        byte[] id = Arrays.copyOf(decoded, 4);
        List<NoteKey> matching = new ArrayList<>();
        for (NoteKey key : trusted) {
            if (key.name().equals(name) && Arrays.equals(key.keyId(), id)) {
                matching.add(key);
            }
        }
        return matching.stream().findFirst();
    }

    private static void checkText(String text) {
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("a note's text ends in a newline");
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n')) {
            throw new IllegalArgumentException("a note has no control characters other than newline");
        }
    }

    private static byte[] ed25519(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    private static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
