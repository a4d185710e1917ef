package nl.kennisveiligheid.screening.keys;

import java.util.SortedSet;

/**
 * Key-encryption keys: they wrap the per-case data keys, and they never enter the database. One is
 * current and wraps every new key; older ones only unwrap until every key they wrapped has been
 * wrapped again under the current one, after which they are retired and a backup's copy of a key they
 * wrapped can never be read again. Shaped so that a KMS or a Vault transit engine can take the place
 * of {@link KeyDirectory}: wrap, unwrap and the list of key ids is all the service asks.
 */
public interface KeyEncryptionKeys {

    /** A data key as stored: the id of the key-encryption key that wrapped it, and the sealed bytes. */
    record Wrapped(String kekId, byte[] bytes) {}

    /** The id of the key that wraps new data keys. */
    String currentId();

    /** The ids of every key that can still unwrap, current included, in order of age. */
    SortedSet<String> available();

    /** Wraps {@code dataKey} under the current key, bound to {@code context} (a case id). */
    Wrapped wrap(byte[] dataKey, String context);

    /**
     * The data key; {@link RetiredKeyException} when the key-encryption key that wrapped it is no
     * longer available (retired, or never given to this replica).
     */
    byte[] unwrap(Wrapped wrapped, String context);

    /** Destroys a key that wraps nothing any more; false where the keys are managed outside the service. */
    boolean retire(String kekId);

    /** A data key wrapped by a key-encryption key that is no longer available. */
    final class RetiredKeyException extends RuntimeException {

        public RetiredKeyException(String kekId) {
            super("key-encryption key " + kekId + " is not available", null, false, false);
        }
    }
}
