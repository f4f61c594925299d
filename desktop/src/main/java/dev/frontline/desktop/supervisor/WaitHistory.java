package dev.frontline.desktop.supervisor;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Duration;
import java.time.Instant;

/**
 * Waiting calls and wait times over the last {@link #KEPT} (a sliding day: a desk that works through the night does
 * not start again at midnight), from the server's history and the snapshots seen since. Samples fall into buckets
 * (peak values kept); when there are more than {@link #MAX_POINTS} buckets, neighbours merge and the bucket doubles.
 * {@link #within} gives a chart at most {@link #CHART_POINTS} points for any window.
 */
public final class WaitHistory {
    static final int MAX_POINTS = 2880;
    /** How far back points are kept. */
    public static final Duration KEPT = Duration.ofHours(24);
    /** The most points {@link #within} gives a chart. */
    static final int CHART_POINTS = 240;

    /** One bucket: its start, the most calls waiting and the longest wait (seconds) seen in it. */
    public record Point(Instant at, int waiting, long longestWaitSeconds) {}

    private final ObservableList<Point> points = FXCollections.observableArrayList();
    /** One read-only view, kept: listeners on a throw-away wrapper would be collected with it. */
    private final ObservableList<Point> pointsView = FXCollections.unmodifiableObservableList(points);
    private Duration bucket;

    public WaitHistory(Duration initialBucket) {
        this.bucket = initialBucket;
    }

    public ObservableList<Point> points() {
        return pointsView;
    }

    public Duration bucket() {
        return bucket;
    }

    /**
     * Puts the points the server rebuilt for the day so far before those seen live (of the seeded ones, only those
     * before the first live point are kept), coarsening as needed.
     */
    public void seed(java.util.List<Point> earlier) {
        java.util.List<Point> live = java.util.List.copyOf(points);
        Instant firstLive = live.isEmpty() ? null : live.get(0).at();
        points.clear();
        for (Point p : earlier) {
            if (firstLive == null || p.at().isBefore(firstLive)) {
                add(p.at(), p.waiting(), p.longestWaitSeconds());
            }
        }
        for (Point p : live) {
            add(p.at(), p.waiting(), p.longestWaitSeconds());
        }
    }

    public void add(Instant at, int waiting, long longestWaitSeconds) {
        Instant start = Instant.ofEpochMilli(at.toEpochMilli() - Math.floorMod(at.toEpochMilli(), bucket.toMillis()));
        if (!points.isEmpty()) {
            Point last = points.get(points.size() - 1);
            if (!start.isAfter(last.at())) {
                points.set(points.size() - 1, new Point(last.at(), Math.max(last.waiting(), waiting),
                        Math.max(last.longestWaitSeconds(), longestWaitSeconds)));
                return;
            }
        }
        points.add(new Point(start, waiting, longestWaitSeconds));
        Instant oldest = start.minus(KEPT);
        int old = 0;
        while (old < points.size() && points.get(old).at().isBefore(oldest)) old++;
        if (old > 0) points.remove(0, old);
        if (points.size() > MAX_POINTS) coarsen();
    }

    /**
     * The points from {@code from} up to {@code to}, merged (peaks kept) into buckets of whole multiples of the
     * kept bucket so there are at most {@link #CHART_POINTS}: the last hour in 5 s steps, the last day in minutes.
     */
    public java.util.List<Point> within(Instant from, Instant to) {
        long span = Math.max(1, Duration.between(from, to).toMillis());
        long step = bucket.toMillis() * Math.max(1, (long) Math.ceil((double) span / bucket.toMillis() / CHART_POINTS));
        java.util.List<Point> out = new java.util.ArrayList<>();
        for (Point p : points) {
            if (p.at().isBefore(from) || p.at().isAfter(to)) continue;
            Instant start = Instant.ofEpochMilli(p.at().toEpochMilli() - Math.floorMod(p.at().toEpochMilli(), step));
            Point last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.at().equals(start)) {
                out.set(out.size() - 1, new Point(start, Math.max(last.waiting(), p.waiting()),
                        Math.max(last.longestWaitSeconds(), p.longestWaitSeconds())));
            } else {
                out.add(new Point(start, p.waiting(), p.longestWaitSeconds()));
            }
        }
        return out;
    }

    private void coarsen() {
        bucket = bucket.multipliedBy(2);
        long ms = bucket.toMillis();
        java.util.List<Point> merged = new java.util.ArrayList<>();
        for (Point p : points) {
            Instant start = Instant.ofEpochMilli(p.at().toEpochMilli() - Math.floorMod(p.at().toEpochMilli(), ms));
            Point last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && last.at().equals(start)) {
                merged.set(merged.size() - 1, new Point(start, Math.max(last.waiting(), p.waiting()),
                        Math.max(last.longestWaitSeconds(), p.longestWaitSeconds())));
            } else {
                merged.add(new Point(start, p.waiting(), p.longestWaitSeconds()));
            }
        }
        points.setAll(merged);
    }
}
