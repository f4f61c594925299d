package dev.frontline.core.flow;

import dev.frontline.core.security.Sha256;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The recorded prompts under a sounds directory: {@code <lang>/<key>.wav}, {@code <lang>/digits/0..9.wav},
 * {@code <lang>/numbers/0..99.wav} (manifest hash of the numeral), and
 * {@code manifest.tsv} (written by {@code sounds/generate.sh}: {@code lang/key TAB sha256-of-text}), which tells a
 * recording made from an older text (stale) from a current one.
 */
public final class Recordings {
    public static final String MANIFEST = "manifest.tsv";

    private final Path dir;
    private final Map<String, String> manifest;

    private Recordings(Path dir, Map<String, String> manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Reads {@code dir}; a missing manifest means every recording is stale. */
    public static Recordings in(Path dir) {
        Map<String, String> m = new LinkedHashMap<>();
        Path f = dir.resolve(MANIFEST);
        if (Files.exists(f)) {
            try {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String[] parts = line.split("\t");
                    if (parts.length == 2) m.put(parts[0].trim(), parts[1].trim());
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return new Recordings(dir, m);
    }

    public Path dir() {
        return dir;
    }

    /** {@code <dir>/<path>.wav} for a prompt path such as {@code en/welcome} or {@code en/digits/4}. */
    public Path file(String path) {
        return dir.resolve(path + ".wav");
    }

    public boolean exists(String path) {
        return Files.isRegularFile(file(path));
    }

    /** The text hash the recording was made from, if the manifest lists it. */
    public Optional<String> madeFrom(String path) {
        return Optional.ofNullable(manifest.get(path));
    }

    /** SHA-256 of the UTF-8 text, lower-case hex (the generator computes the same). */
    public static String hash(String text) {
        return Sha256.hex(text);
    }
}
