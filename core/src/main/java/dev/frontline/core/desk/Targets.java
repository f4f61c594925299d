package dev.frontline.core.desk;

import dev.frontline.core.common.Tier;

import java.time.Duration;
import java.util.Objects;

/**
 * Service targets: the longest a caller should wait on the line, and the time within which each support line
 * answers a case (line 1 and line 2 by phone, line 3 engineers on tickets).
 */
public record Targets(Duration onLine, Duration line1, Duration line2, Duration line3) {
    public static final Targets DEFAULTS = new Targets(Duration.ofSeconds(30), Duration.ofMinutes(5),
            Duration.ofMinutes(10), Duration.ofHours(24));

    public Targets {
        Objects.requireNonNull(onLine, "onLine");
        Objects.requireNonNull(line1, "line1");
        Objects.requireNonNull(line2, "line2");
        Objects.requireNonNull(line3, "line3");
    }

    public Duration forTier(Tier tier) {
        return switch (tier) {
            case LINE1 -> line1;
            case LINE2 -> line2;
            case LINE3 -> line3;
        };
    }
}
