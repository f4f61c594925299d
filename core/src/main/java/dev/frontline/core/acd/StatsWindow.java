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

    /** How many recent calls per queue the wait estimate learns from (independent of the metrics window). */
    static final int MEMORY = 500;
    private final Recent[] recentHandle = new Recent[GROUPS];
    private final Recent[] recentWait = new Recent[GROUPS];

    /** The last {@link #MEMORY} values with their sum, and how many of them were flagged (abandons). */
    private static final class Recent {
        private final long[] values = new long[MEMORY];
        private final boolean[] flags = new boolean[MEMORY];
        private int size;
        private int next;
        private long sum;
        private int flagged;

        void add(long v, boolean flag) {
            if (size == MEMORY) {
                sum -= values[next];
                flagged -= flags[next] ? 1 : 0;
            } else {
                size++;
            }
            values[next] = v;
            flags[next] = flag;
            sum += v;
            flagged += flag ? 1 : 0;
            next = (next + 1) % MEMORY;
        }

        void load(long[] v, boolean[] f, int size, int next) {
            if (v.length != MEMORY || f.length != MEMORY || size < 0 || size > MEMORY || next < 0 || next >= MEMORY) {
                throw new IllegalStateException("bad recent-calls image: " + v.length + " values, size " + size);
            }
            System.arraycopy(v, 0, values, 0, MEMORY);
            System.arraycopy(f, 0, flags, 0, MEMORY);
            this.size = size;
            this.next = next;
            sum = 0;
            flagged = 0;
            for (int i = 0; i < MEMORY; i++) { // slots past size are zero and unflagged
                sum += values[i];
                flagged += flags[i] ? 1 : 0;
            }
        }
    }

    StatsWindow(Duration window, Duration onLineTarget) {
        this.windowMillis = window.toMillis();
        this.targetMillis = onLineTarget.toMillis();
        for (int g = 0; g < GROUPS; g++) {
            recentHandle[g] = new Recent();
            recentWait[g] = new Recent();
        }
    }

    /** Mean handle time in seconds over the queue's last {@link #MEMORY} calls; {@code fallback} before any. */
    double recentHandleSeconds(Intent intent, Tier tier, Duration fallback) {
        Recent r = recentHandle[group(intent, tier)];
        return r.size == 0 ? fallback.toMillis() / 1000.0 : r.sum / 1000.0 / r.size;
    }

    /**
     * Abandonment hazard per second over the queue's last {@link #MEMORY} callers who left the queue: abandons over
     * the total time they waited (the maximum likelihood estimate for exponential patience).
     */
    double recentAbandonHazard(Intent intent, Tier tier) {
        Recent r = recentWait[group(intent, tier)];
        return r.flagged == 0 || r.sum <= 0 ? 0.0 : r.flagged / (r.sum / 1000.0);
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
        if (s.kind() == HANDLED) {
            recentHandle[s.group()].add(s.millis(), false);
        } else {
            recentWait[s.group()].add(s.millis(), s.kind() == ABANDONED);
        }
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

    /** The samples (those from {@code from} on, and any later in the deque) and the recent rings, for a snapshot. */
    AcdImage.StatsImage image(Instant from) {
        long oldest = from.toEpochMilli() - windowMillis;
        java.util.List<long[]> rows = new java.util.ArrayList<>();
        boolean keeping = false;
        for (Sample s : samples) {
            keeping |= s.at() >= oldest; // a prefix only, as prune drops it: a later, older sample stays
            if (keeping) {
                rows.add(new long[] {s.at(), s.group(), s.kind(), s.millis(), s.inTarget() ? 1 : 0});
            }
        }
        java.util.List<AcdImage.RecentImage> recent = new java.util.ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            Recent h = recentHandle[g];
            Recent w = recentWait[g];
            recent.add(new AcdImage.RecentImage(h.values.clone(), h.flags.clone(), h.size, h.next, w.values.clone(),
                    w.flags.clone(), w.size, w.next));
        }
        return new AcdImage.StatsImage(rows, recent);
    }

    /** Loads a snapshot's statistics into this empty window; the running sums are counted again from the samples. */
    void restore(AcdImage.StatsImage image) {
        if (!samples.isEmpty() || image.recent().size() != GROUPS) {
            throw new IllegalStateException("statistics image of " + image.recent().size() + " groups, expected " + GROUPS);
        }
        for (long[] r : image.samples()) {
            if (r.length != 5 || r[1] < 0 || r[1] >= GROUPS || r[2] < ANSWERED || r[2] > HANDLED) {
                throw new IllegalStateException("bad statistics sample " + java.util.Arrays.toString(r));
            }
            Sample s = new Sample(r[0], (int) r[1], (byte) r[2], r[3], r[4] == 1);
            samples.addLast(s);
            count(s, +1);
        }
        for (int g = 0; g < GROUPS; g++) {
            AcdImage.RecentImage r = image.recent().get(g);
            recentHandle[g].load(r.handle(), r.handleFlags(), r.handleSize(), r.handleNext());
            recentWait[g].load(r.waits(), r.waitFlags(), r.waitSize(), r.waitNext());
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
}
