package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the ACD rebuilds from the call event log, as it stands after the event {@code covers} (issue 23's
 * snapshot): restoring it and replaying the events after {@code covers} gives the state a replay of the whole log
 * gives. Plain data, no behaviour: the store writes it as JSON ({@code acd_snapshots}), {@link Router#restore} reads
 * it. Operator profiles are not in it: they are read from the {@link OperatorDirectory} at restore, as a replay reads
 * them. Finished-call samples older than the metrics window (and sticky-routing memories older than
 * {@code acd.sticky.within}) before {@code prunedAt} are left out: the first tick after a start drops them anyway.
 *
 * @param format   {@link #FORMAT} when written; an image of another format is not read (the log is replayed instead)
 * @param covers   the {@code call_events.seq} of the last event folded in (0: none)
 * @param settings the routing settings the image depends on ({@link #settingsOf}); another value is not read
 */
public record AcdImage(int format, long covers, Instant prunedAt, String settings, List<AgentImage> agents,
                       Map<String, Boolean> phones, List<CallImage> calls, List<CallbackImage> callbacks,
                       List<Long> notDue, Map<String, Long> byAttempt, Map<String, String> busy,
                       List<EntryImage> waiting, Map<String, Long> seqs, long seq, long nextCallbackId,
                       List<HandledImage> lastOperator, StatsImage stats) {

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(m));
    }

    /** Bumped whenever the image's shape or meaning changes; older images are skipped at start (logged). */
    public static final int FORMAT = 2;

    public AcdImage {
        agents = List.copyOf(agents);
        phones = sorted(phones);
        calls = List.copyOf(calls);
        callbacks = List.copyOf(callbacks);
        notDue = List.copyOf(notDue);
        byAttempt = sorted(byAttempt);
        busy = sorted(busy);
        waiting = List.copyOf(waiting);
        seqs = sorted(seqs);
        lastOperator = List.copyOf(lastOperator);
    }

    /** The settings a rebuilt state depends on (ranks, the service-level flag, the windows): they must not differ. */
    public static String settingsOf(AcdConfig c) {
        return "ageing=" + c.ageingPerLevel().toMillis() + ";window=" + c.metricsWindow().toMillis() + ";target="
                + c.onLineTarget().toMillis() + ";stickyFor=" + c.stickyFor().toMillis() + ";stickyWithin="
                + c.stickyWithin().toMillis() + ";intents=" + Intent.values().length + ";tiers=" + Tier.values().length
                + ";languages=" + Language.values().length;
    }

    /** An operator as routing holds it (its profile is read again at restore). */
    public record AgentImage(OperatorId id, OperatorState state, String reason, Instant since, Instant readySince,
                             boolean phoneRegistered, CallId current, Instant offeredAt, Instant ringingSince,
                             Instant answeredAt, Instant wrapUpUntil, Intent lastIntent, Tier lastTier) {}

    /** A waiting, ringing or talking caller; {@code entry} is its place among the waiting (null unless waiting). */
    public record CallImage(QueuedCall call, Intent intent, Tier tier, int priority, Instant rankFrom, String stage,
                            OperatorId operator, boolean breached, OperatorId preferred, Instant stickyUntil,
                            Instant heldSince, EntryImage entry, OperatorId consultTo, boolean consultAnswered,
                            CallbackId callback) {}

    /** A callback not finished yet. */
    public record CallbackImage(CallbackId id, CallbackRequest request, String stage, Instant dueAt, int attempts,
                                int offers, EntryImage entry, String attemptId, OperatorId operator,
                                Instant offeredAt, boolean breached) {}

    /** One waiting item as routing ranks it ({@code callId} or {@code callbackId} is null). */
    public record EntryImage(CallId callId, CallbackId callbackId, Intent intent, Tier tier, Language language,
                             int priority, Instant arrivedAt, long rank, long seq, OperatorId preferred,
                             Instant stickyUntil) {}

    /** Who last talked to a customer, and when (sticky routing). */
    public record HandledImage(CustomerId customer, OperatorId operator, Instant at) {}

    /**
     * The finished-call statistics: {@code samples} rows are {@code [at millis, group, kind, millis, in target 0/1]},
     * oldest first; {@code recent} per (intent, tier) group: the last values with their flags, ring position, size.
     */
    public record StatsImage(List<long[]> samples, List<RecentImage> recent) {
        public StatsImage {
            samples = List.copyOf(samples);
            recent = List.copyOf(recent);
        }
    }

    public record RecentImage(long[] handle, boolean[] handleFlags, int handleSize, int handleNext, long[] waits,
                              boolean[] waitFlags, int waitSize, int waitNext) {}
}
