package nl.kennisveiligheid.screening.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key-encryption keys in a directory, as a mounted Secret holds them; no server needed. */
class KeyDirectoryTest {

    @TempDir
    Path dir;

    private KeyDirectory directory(boolean local, String now) {
        KeyDirectory keys = new KeyDirectory();
        keys.config = new KeysConfig() {
            @Override
            public String kekDir() {
                return dir.toString();
            }

            @Override
            public boolean manageLocally() {
                return local;
            }
        };
        keys.clock = Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
        keys.refresh();
        return keys;
    }

    private void addKey(String id) throws Exception {
        Files.writeString(dir.resolve(id), Base64.getEncoder().encodeToString(Aead.newKey()) + "\n");
    }

    @Test
    void theNewestKeyWrapsAndAnOlderOneStillUnwrapsUntilItIsRemoved() throws Exception {
        addKey("2026-10");
        KeyDirectory keys = directory(false, "2026-10-15T00:00:00Z");
        byte[] dataKey = Aead.newKey();
        KeyEncryptionKeys.Wrapped october = keys.wrap(dataKey, "case-1");
        assertThat(october.kekId()).isEqualTo("2026-10");
        assertThat(october.bytes()).isNotEqualTo(dataKey).hasSize(12 + 32 + 16);

        addKey("2026-11");
        keys.refresh();
        assertThat(keys.currentId()).isEqualTo("2026-11");
        assertThat(keys.wrap(dataKey, "case-1").kekId()).isEqualTo("2026-11");
        assertThat(keys.unwrap(october, "case-1")).isEqualTo(dataKey);
        // Managed outside the service: it never deletes a key itself.
        assertThat(keys.retire("2026-10")).isFalse();
        assertThat(dir.resolve("2026-10")).exists();

        // The operator removes it from the Secret; the service sees it gone at its next reading.
        Files.delete(dir.resolve("2026-10"));
        keys.refresh();
        assertThatThrownBy(() -> keys.unwrap(october, "case-1"))
                .isInstanceOf(KeyEncryptionKeys.RetiredKeyException.class).hasMessageContaining("2026-10");
    }

    @Test
    void aWrappedKeyOpensForItsOwnCaseOnly() throws Exception {
        addKey("2026-11");
        KeyDirectory keys = directory(false, "2026-11-28T00:00:00Z");
        KeyEncryptionKeys.Wrapped wrapped = keys.wrap(Aead.newKey(), "case-1");
        assertThatThrownBy(() -> keys.unwrap(wrapped, "case-2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another case");
    }

    @Test
    void locallyTheMonthsKeyIsCreatedOnceAndARetiredOneIsDestroyed() throws Exception {
        KeyDirectory keys = directory(true, "2026-11-28T10:00:00Z");
        assertThat(keys.available()).containsExactly("2026-11");
        String november = Files.readString(dir.resolve("2026-11"));
        keys.refresh();
        assertThat(Files.readString(dir.resolve("2026-11"))).as("created once, never replaced").isEqualTo(november);

        keys.clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        keys.refresh();
        assertThat(keys.available()).containsExactly("2026-11", "2026-12");
        assertThat(keys.currentId()).isEqualTo("2026-12");
        assertThatThrownBy(() -> keys.retire("2026-12")).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.retire("2026-11")).isTrue();
        assertThat(dir.resolve("2026-11")).doesNotExist();
        assertThat(keys.available()).containsExactly("2026-12");
    }

    @Test
    void aDirectoryWithoutKeysOrWithAMalformedKeyStopsTheStart() throws Exception {
        assertThatThrownBy(() -> directory(false, "2026-11-28T00:00:00Z")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no key-encryption key");
        Files.writeString(dir.resolve("2026-11"), Base64.getEncoder().encodeToString(new byte[16]));
        assertThatThrownBy(() -> directory(false, "2026-11-28T00:00:00Z")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not 32 bytes");
    }
}
