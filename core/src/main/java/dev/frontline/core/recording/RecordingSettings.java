package dev.frontline.core.recording;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Tier;
import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code recording} section of frontline.yaml: a conversation with an operator is recorded when recording is
 * enabled and the call's line ({@code lines}) and queue ({@code queues}) are both listed.
 *
 * @param dir       where recordings are written (on Asterisk: the same path as the PBX sees it)
 * @param retention how long a recording is kept after it started; then file and row are deleted
 */
public record RecordingSettings(boolean enabled, Set<Tier> lines, Set<Intent> queues, Path dir, Duration retention) {

    public RecordingSettings {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(retention, "retention");
        lines = Set.copyOf(lines);
        queues = Set.copyOf(queues);
    }

    public static RecordingSettings disabled() {
        return new RecordingSettings(false, Set.of(), Set.of(), Path.of("recordings"), Duration.ofDays(90));
    }

    /** Whether a call on {@code line} in {@code queue} is recorded (and announced as such). */
    public boolean records(Tier line, Intent queue) {
        return enabled && lines.contains(line) && queues.contains(queue);
    }

    /**
     * Reads {@code recording}; a wrong value fails naming its key, e.g.
     * {@code recording.lines: 'line4' is not a line (line1, line2, line3)}.
     */
    public static RecordingSettings from(ConfigNode node) {
        boolean enabled = node.bool("enabled", false);
        Set<Tier> lines = EnumSet.noneOf(Tier.class);
        for (String s : node.strings("lines", List.of("line1", "line2", "line3"))) {
            lines.add(parse(Tier.class, node.key("lines"), s, "a line (line1, line2, line3)"));
        }
        Set<Intent> queues = EnumSet.noneOf(Intent.class);
        for (String s : node.strings("queues", List.of("technical", "sales", "general"))) {
            queues.add(parse(Intent.class, node.key("queues"), s, "a queue (technical, sales, general)"));
        }
        String dir = node.string("dir", "recordings").trim();
        if (dir.isEmpty()) {
            throw new ConfigException(node.key("dir"), "must name a directory, e.g. recordings or /var/spool/frontline");
        }
        Duration retention = node.duration("retention", Duration.ofDays(90));
        if (retention.compareTo(Duration.ofHours(1)) < 0) {
            throw new ConfigException(node.key("retention"), "must be at least 1h, not " + retention.toSeconds() + "s");
        }
        node.rejectUnknownKeys();
        if (enabled && (lines.isEmpty() || queues.isEmpty())) {
            throw new ConfigException(node.key(lines.isEmpty() ? "lines" : "queues"),
                    "is empty while recording.enabled is true: nothing would be recorded (set enabled: false)");
        }
        return new RecordingSettings(enabled, lines, queues, Path.of(dir), retention);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String key, String text, String what) {
        try {
            return Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, "'" + text + "' is not " + what);
        }
    }
}
