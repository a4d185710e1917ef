package nl.kennisveiligheid.screening.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The decision log's settings ({@code screening.audit.*}), in one place. */
@ConfigMapping(prefix = "screening.audit")
public interface AuditConfig {

    /** The Kafka topic of the log: {@code screening.decisions.v1}. */
    String topic();

    /** Replication of the topic when the relay creates it (3 in production, through Strimzi). */
    @WithDefault("1")
    short topicReplication();

    /** How long the oldest unsent event may wait before readiness reports the log degraded. */
    @WithDefault("PT5M")
    Duration backlogDegradedAfter();

    /** Base64 PKCS#8 Ed25519 signing key; with the public key, from a Secret in production. */
    Optional<String> signingKey();

    /** Base64 X.509 Ed25519 public key that goes with the signing key. */
    Optional<String> signingPublicKey();

    /**
     * The key that signed the log before {@link #signingKey()} (base64 PKCS#8), during a rotation:
     * it signs the {@code KEY_ROTATED} event that hands over to the new key.
     */
    Optional<String> previousSigningKey();

    /** Base64 X.509 public key of {@link #previousSigningKey()}. */
    Optional<String> previousSigningPublicKey();

    /**
     * Base64 32-byte key of the database's link between one person's cases ({@code subject_link});
     * it keyed the log's pseudonyms before they were keyed per case.
     */
    Optional<String> pseudonymKey();

    /** Where keys are generated and kept when none are configured (local development). */
    @WithDefault(".local/keys")
    String keyDir();

    /** Whether missing keys may be generated (never in production). */
    @WithDefault("true")
    boolean generateKeys();

    Relay relay();

    /**
     * The log's name in its checkpoints: their first line, and the key name of their signatures
     * (C2SP tlog-checkpoint and signed-note).
     */
    @WithDefault("screening.kennisveiligheid.nl/decisions")
    String origin();

    /**
     * The shortest time between two checkpoints while events flow; a checkpoint always follows the
     * last batch before the relay falls idle, so every sent event is covered within this time.
     */
    @WithDefault("PT1S")
    Duration checkpointInterval();

    /**
     * How many of the tree's leaves proofs are answered for from memory, without a query: each costs
     * about 64 bytes of heap (its hash and its share of the subtrees above). Past them, proofs read
     * the database.
     */
    @WithDefault("2097152")
    long treeLeavesInMemory();

    /** The outbox relay. */
    interface Relay {

        /** Whether this replica competes for the relay lock at start. */
        @WithDefault("true")
        boolean enabled();

        /** How often the active relay compares the topic with the outbox and restores what it lacks. */
        @WithDefault("PT30S")
        Duration topicCheckInterval();

        /** How long a halted relay waits before trying the event that halted it again. */
        @WithDefault("PT1M")
        Duration haltedRetryInterval();
    }
}
