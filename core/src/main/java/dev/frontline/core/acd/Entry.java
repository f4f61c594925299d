package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.time.Instant;
import java.util.Comparator;

/**
 * One waiting item, a live caller or a due callback, as routing ranks it. Immutable: a priority change replaces it.
 * {@code rank = arrivedAt + (priority - 1) * ageingPerLevel}: the lower, the sooner served.
 */
record Entry(CallId callId, CallbackId callbackId, Intent intent, Tier tier, Language language, int priority,
             Instant arrivedAt, long rank, long seq, OperatorId preferred, Instant stickyUntil) {

    static final Comparator<Entry> ORDER = Comparator.comparingLong((Entry e) -> e.rank())
            .thenComparing(Entry::arrivedAt)
            .thenComparingLong(Entry::seq);

    /** {@code preferred}: the operator offered first until {@code stickyUntil} (sticky routing), or null. */
    static Entry live(CallId callId, Intent intent, Tier tier, Language language, int priority, Instant arrivedAt,
                      long ageingMillis, long seq, OperatorId preferred, Instant stickyUntil) {
        return new Entry(callId, null, intent, tier, language, priority, arrivedAt,
                rankOf(arrivedAt, priority, ageingMillis), seq, preferred, stickyUntil);
    }

    /** Whether the call is kept for {@code preferred} (not another operator) at {@code now}. */
    boolean stickyAt(Instant now) {
        return preferred != null && now.isBefore(stickyUntil);
    }

    static Entry callback(CallbackId id, Intent intent, Tier tier, Language language, int priority, Instant arrivedAt,
                          long ageingMillis, long seq) {
        return new Entry(null, id, intent, tier, language, priority, arrivedAt,
                rankOf(arrivedAt, priority, ageingMillis), seq, null, null);
    }

    boolean isCallback() {
        return callbackId != null;
    }

    private static long rankOf(Instant arrivedAt, int priority, long ageingMillis) {
        return arrivedAt.toEpochMilli() + (priority - 1) * ageingMillis;
    }
}
