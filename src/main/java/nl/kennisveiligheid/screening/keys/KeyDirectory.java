package nl.kennisveiligheid.screening.keys;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Collections;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Key-encryption keys read from a directory, one file per month named {@code yyyy-MM} with 32 bytes
 * in base64. In Kubernetes the directory is a mounted Secret: the operator adds next month's key
 * and removes a retired one, and the kubelet brings the change to the running pods. The newest key is
 * current. Locally, the service creates the month's key itself and destroys retired ones.
 */
@ApplicationScoped
public class KeyDirectory implements KeyEncryptionKeys {

    private static final Pattern KEY_ID = Pattern.compile("\\d{4}-\\d{2}");
    private static final int KEY_BYTES = 32;

    @Inject
    KeysConfig config;

    /** Wall-clock time, not the service's legal clock: keys rotate with the calendar that backups keep. */
    Clock clock = Clock.systemUTC();

    private volatile SortedMap<String, byte[]> keys = Collections.emptySortedMap();

    @PostConstruct
    void load() {
        refresh();
    }

    /** Reads the directory again; locally, first creates this month's key if it is missing. */
    public synchronized void refresh() {
        Path dir = Path.of(config.kekDir());
        if (config.manageLocally()) {
            createIfMissing(dir.resolve(YearMonth.now(clock.withZone(ZoneOffset.UTC)).toString()));
        }
        SortedMap<String, byte[]> read = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> KEY_ID.matcher(f.getFileName().toString()).matches())
                        .forEach(f -> read.put(f.getFileName().toString(), decode(f)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (read.isEmpty()) {
            throw new IllegalStateException("no key-encryption key (a file named yyyy-MM) in " + dir
                    + "; mount the Secret screening-key-encryption-keys there");
        }
        keys = Collections.unmodifiableSortedMap(read);
    }

    @Override
    public String currentId() {
        return keys.lastKey();
    }

    @Override
    public SortedSet<String> available() {
        return new TreeSet<>(keys.keySet());
    }

    @Override
    public Wrapped wrap(byte[] dataKey, String context) {
        String id = currentId();
        return new Wrapped(id, Aead.seal(keys.get(id), dataKey, associatedData(id, context)));
    }

    @Override
    public byte[] unwrap(Wrapped wrapped, String context) {
        byte[] kek = keys.get(wrapped.kekId());
        if (kek == null) {
            refresh();
            kek = keys.get(wrapped.kekId());
        }
        if (kek == null) {
            throw new RetiredKeyException(wrapped.kekId());
        }
        try {
            return Aead.open(kek, wrapped.bytes(), associatedData(wrapped.kekId(), context));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a wrapped case key does not open under key-encryption key "
                    + wrapped.kekId() + ": it was altered or belongs to another case");
        }
    }

    @Override
    public synchronized boolean retire(String kekId) {
        if (!config.manageLocally()) {
            return false;
        }
        if (kekId.equals(currentId())) {
            throw new IllegalArgumentException("the current key-encryption key cannot be retired");
        }
        try {
            Files.deleteIfExists(Path.of(config.kekDir()).resolve(kekId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        refresh();
        return true;
    }

    /** Binds a wrapped key to its case and its key-encryption key, so that it cannot be moved to another. */
    private static String associatedData(String kekId, String context) {
        return "case-key|" + context + "|" + kekId;
    }

    private static byte[] decode(Path file) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("key-encryption key " + file.getFileName() + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("key-encryption key " + file.getFileName() + " is not 32 bytes");
        }
        return key;
    }

    private static void createIfMissing(Path file) {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "kek", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Base64.getEncoder().encodeToString(Aead.newKey()), StandardCharsets.US_ASCII);
            try {
                // A link never replaces: of two processes creating the month's key at once, one key wins for both.
                Files.createLink(file, tmp);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // The other process was first.
            } finally {
                Files.delete(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
