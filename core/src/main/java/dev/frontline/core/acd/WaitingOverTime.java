package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Callers on the line over a stretch of time, rebuilt from the ACD's events: per bucket, the most callers waiting
 * at once and the longest wait, as the wallboard's chart shows them live (callbacks keeping their place are not on
 * the line; a caller rung, then back in line, keeps its first arrival). Lets a supervisor who opens the wallboard
 * at noon see the morning. Pure.
 */
public final class WaitingOverTime {

    /** One bucket: its start, the most callers waiting in it, and the longest wait (seconds) seen in it. */
    public record Point(Instant at, int waiting, long longestWaitSeconds) {}

    /** The events that move a caller onto or off the line; the others change nothing here. */
    public static final Set<Class<? extends AcdEvent>> KINDS = Set.of(AcdEvent.CallQueued.class,
            AcdEvent.CallOffered.class, AcdEvent.CallRequeued.class, AcdEvent.CallTransferred.class,
            AcdEvent.CallAbandoned.class, AcdEvent.CallLost.class, AcdEvent.CallbackQueued.class);

    private record Waiting(Instant arrived, String callId) implements Comparable<Waiting> {
        @Override
        public int compareTo(Waiting o) {
            int c = arrived.compareTo(o.arrived);
            return c != 0 ? c : callId.compareTo(o.callId);
        }
    }

    private final Map<CallId, Instant> arrivals = new HashMap<>();
    private final Map<CallId, Waiting> onLine = new HashMap<>();
    private final TreeSet<Waiting> byArrival = new TreeSet<>();

    private WaitingOverTime() {}

    /**
     * Buckets of {@code bucket} from {@code from} (aligned down to the bucket) up to {@code to}, from events in the
     * order they happened; events before {@code from} only build the state (a caller who arrived earlier and still
     * waits counts), events at or after {@code to} are not read.
     */
    public static List<Point> of(List<AcdEvent> events, Instant from, Instant to, Duration bucket) {
        long size = bucket.toMillis();
        if (size <= 0) {
            throw new IllegalArgumentException("bucket must be positive, not " + bucket);
        }
        WaitingOverTime w = new WaitingOverTime();
        List<Point> out = new ArrayList<>();
        long start = Math.floorDiv(from.toEpochMilli(), size) * size;
        int next = 0;
        while (next < events.size() && events.get(next).at().toEpochMilli() < start) {
            w.apply(events.get(next++));
        }
        for (long b = start; b < to.toEpochMilli(); b += size) {
            Instant begin = Instant.ofEpochMilli(b);
            Instant end = Instant.ofEpochMilli(Math.min(b + size, to.toEpochMilli()));
            int most = w.onLine.size();
            long longest = w.longestAt(begin);
            while (next < events.size() && events.get(next).at().isBefore(end)) {
                AcdEvent e = events.get(next++);
                longest = Math.max(longest, w.longestAt(e.at())); // the wait grows until this event
                w.apply(e);
                most = Math.max(most, w.onLine.size());
            }
            longest = Math.max(longest, w.longestAt(end));
            out.add(new Point(begin, most, longest));
        }
        return out;
    }

    private long longestAt(Instant t) {
        return byArrival.isEmpty() ? 0 : Math.max(0, Duration.between(byArrival.first().arrived(), t).toSeconds());
    }

    private void apply(AcdEvent e) {
        if (e instanceof AcdEvent.CallQueued q) {
            arrivals.put(q.callId(), q.call().arrivedAt());
            join(q.callId());
        } else if (e instanceof AcdEvent.CallRequeued r) {
            join(r.callId());
        } else if (e instanceof AcdEvent.CallTransferred t) {
            join(t.callId());
        } else if (e instanceof AcdEvent.CallOffered o) {
            leave(o.callId());
        } else if (e instanceof AcdEvent.CallAbandoned a) {
            leave(a.callId());
            arrivals.remove(a.callId());
        } else if (e instanceof AcdEvent.CallLost l) {
            leave(l.callId());
            arrivals.remove(l.callId());
        } else if (e instanceof AcdEvent.CallbackQueued c) {
            c.fromCall().ifPresent(this::leave);
        }
    }

    private void join(CallId id) {
        Instant arrived = arrivals.get(id);
        if (arrived != null && !onLine.containsKey(id)) {
            Waiting w = new Waiting(arrived, id.value());
            onLine.put(id, w);
            byArrival.add(w);
        }
    }

    private void leave(CallId id) {
        Waiting w = onLine.remove(id);
        if (w != null) {
            byArrival.remove(w);
        }
    }
}
