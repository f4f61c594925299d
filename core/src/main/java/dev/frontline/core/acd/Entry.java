package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;

import java.time.Instant;
import java.util.Comparator;

/**
 * One waiting item, a live caller or a due callback, as routing ranks it. Immutable: a priority change replaces it.
 * {@code rank = arrivedAt + (priority - 1) * ageingPerLevel}: the lower, the sooner served.
 */
record Entry(CallId callId, CallbackId callbackId, Intent intent, Tier tier, Language language, int priority,
             Instant arrivedAt, long rank, long seq) {

    static final Comparator<Entry> ORDER = Comparator.comparingLong((Entry e) -> e.rank())
            .thenComparing(Entry::arrivedAt)
            .thenComparingLong(Entry::seq);

    static Entry live(CallId callId, Intent intent, Tier tier, Language language, int priority, Instant arrivedAt,
                      long ageingMillis, long seq) {
        return new Entry(callId, null, intent, tier, language, priority, arrivedAt,
                rankOf(arrivedAt, priority, ageingMillis), seq);
    }

    static Entry callback(CallbackId id, Intent intent, Tier tier, Language language, int priority, Instant arrivedAt,
                          long ageingMillis, long seq) {
        return new Entry(null, id, intent, tier, language, priority, arrivedAt,
                rankOf(arrivedAt, priority, ageingMillis), seq);
    }

    boolean isCallback() {
        return callbackId != null;
    }

    private static long rankOf(Instant arrivedAt, int priority, long ageingMillis) {
        return arrivedAt.toEpochMilli() + (priority - 1) * ageingMillis;
    }
}
