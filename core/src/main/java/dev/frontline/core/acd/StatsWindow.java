package dev.frontline.core.acd;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Tier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Finished waits and handle times of the last {@code window}, with running sums per (intent, tier) so every
 * figure is O(1) to read. Fed by {@link AcdState} while applying events, so a replay rebuilds it. Not thread-safe.
 */
final class StatsWindow {
    private static final int GROUPS = Intent.values().length * Tier.values().length;
    private static final byte ANSWERED = 0;
    private static final byte ABANDONED = 1;
    private static final byte HANDLED = 2;

    private record Sample(long at, int group, byte kind, long millis, boolean inTarget) {}

    private final long windowMillis;
    private final long targetMillis;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private final int[] answered = new int[GROUPS];
    private final int[] answeredInTarget = new int[GROUPS];
    private final long[] answeredWait = new long[GROUPS];
    private final int[] abandoned = new int[GROUPS];
    private final long[] abandonedWait = new long[GROUPS];
    private final int[] handled = new int[GROUPS];
    private final long[] handleTime = new long[GROUPS];

    StatsWindow(Duration window, Duration onLineTarget) {
        this.windowMillis = window.toMillis();
        this.targetMillis = onLineTarget.toMillis();
    }

    static int group(Intent intent, Tier tier) {
        return intent.ordinal() * Tier.values().length + tier.ordinal();
    }

    void answered(Instant at, Intent intent, Tier tier, Duration wait) {
        add(new Sample(at.toEpochMilli(), group(intent, tier), ANSWERED, Math.max(0, wait.toMillis()),
                wait.toMillis() <= targetMillis), +1);
    }

    void abandoned(Instant at, Intent intent, Tier tier, Duration wait) {
        add(new Sample(at.toEpochMilli(), group(intent, tier), ABANDONED, Math.max(0, wait.toMillis()), false), +1);
    }

    void handled(Instant at, Intent intent, Tier tier, Duration handle) {
        add(new Sample(at.toEpochMilli(), group(intent, tier), HANDLED, Math.max(0, handle.toMillis()), false), +1);
    }

    void prune(Instant now) {
        long oldest = now.toEpochMilli() - windowMillis;
        while (!samples.isEmpty() && samples.peekFirst().at() < oldest) {
            count(samples.pollFirst(), -1);
        }
    }

    private void add(Sample s, int sign) {
        samples.addLast(s);
        count(s, sign);
    }

    private void count(Sample s, int sign) {
        int g = s.group();
        switch (s.kind()) {
            case ANSWERED -> {
                answered[g] += sign;
                answeredWait[g] += sign * s.millis();
                if (s.inTarget()) {
                    answeredInTarget[g] += sign;
                }
            }
            case ABANDONED -> {
                abandoned[g] += sign;
                abandonedWait[g] += sign * s.millis();
            }
            default -> {
                handled[g] += sign;
                handleTime[g] += sign * s.millis();
            }
        }
    }

    /** Answered within the on-line target over answered plus abandoned, in percent; 100 with no calls. */
    double serviceLevelPercent(Intent intent, Tier tier) {
        int g = group(intent, tier);
        int all = answered[g] + abandoned[g];
        return all == 0 ? 100.0 : 100.0 * answeredInTarget[g] / all;
    }

    Duration averageSpeedOfAnswer(Intent intent, Tier tier) {
        int g = group(intent, tier);
        return answered[g] == 0 ? Duration.ZERO : Duration.ofMillis(answeredWait[g] / answered[g]);
    }

    /** Mean handle time (talk plus wrap-up); {@code fallback} before any call was handled. */
    Duration averageHandleTime(Intent intent, Tier tier, Duration fallback) {
        int g = group(intent, tier);
        return handled[g] == 0 ? fallback : Duration.ofMillis(handleTime[g] / handled[g]);
    }

    double abandonRatePercent(Intent intent, Tier tier) {
        int g = group(intent, tier);
        int all = answered[g] + abandoned[g];
        return all == 0 ? 0.0 : 100.0 * abandoned[g] / all;
    }

    /**
     * Abandonment hazard per second of waiting: abandons over the total time callers spent waiting (the maximum
     * likelihood estimate for exponential patience). 0 without abandons.
     */
    double abandonHazardPerSecond(Intent intent, Tier tier) {
        int g = group(intent, tier);
        long exposure = answeredWait[g] + abandonedWait[g];
        return abandoned[g] == 0 || exposure <= 0 ? 0.0 : abandoned[g] / (exposure / 1000.0);
    }
}
