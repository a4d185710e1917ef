package nl.kennisveiligheid.screening.keys;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the key-encryption keys live ({@code screening.keys.*}). */
@ConfigMapping(prefix = "screening.keys")
public interface KeysConfig {

    /**
     * A directory with one file per key-encryption key, named by its month ({@code 2026-11}) and
     * holding 32 bytes in base64: in production a Kubernetes Secret mounted as a volume.
     */
    String kekDir();

    /** Whether the service generates the month's key and destroys retired ones itself (local development only). */
    @WithDefault("false")
    boolean manageLocally();
}
