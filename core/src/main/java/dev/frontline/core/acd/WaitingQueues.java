package dev.frontline.core.acd;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Waiting entries in one ordered set per (intent, tier, language, priority). Inside a set the rank order is the
 * arrival order, so the head has waited longest: a time-based condition (language fallback, overflow) that the head
 * fails, every later entry fails too, and routing only ever looks at heads. Not thread-safe.
 */
final class WaitingQueues {
    static final int PRIORITIES = 3;
    private static final int QUEUES = Intent.values().length * Tier.values().length * Language.values().length * PRIORITIES;

    @SuppressWarnings("unchecked")
    private final TreeSet<Entry>[] queues = new TreeSet[QUEUES];
    private int size;

    WaitingQueues() {
        for (int i = 0; i < QUEUES; i++) {
            queues[i] = new TreeSet<>(Entry.ORDER);
        }
    }

    static int index(Intent intent, Tier tier, Language language, int priority) {
        return ((intent.ordinal() * Tier.values().length + tier.ordinal()) * Language.values().length
                + language.ordinal()) * PRIORITIES + (priority - 1);
    }

    void add(Entry e) {
        if (queues[index(e.intent(), e.tier(), e.language(), e.priority())].add(e)) {
            size++;
        }
    }

    void remove(Entry e) {
        if (queues[index(e.intent(), e.tier(), e.language(), e.priority())].remove(e)) {
            size--;
        }
    }

    Entry head(Intent intent, Tier tier, Language language, int priority) {
        TreeSet<Entry> q = queues[index(intent, tier, language, priority)];
        return q.isEmpty() ? null : q.first();
    }

    int size() {
        return size;
    }

    /** The heads of every non-empty queue. */
    List<Entry> heads() {
        List<Entry> out = new ArrayList<>();
        for (TreeSet<Entry> q : queues) {
            if (!q.isEmpty()) {
                out.add(q.first());
            }
        }
        return out;
    }

    /** Every entry of one intent and tier (all languages and priorities), in service order. */
    List<Entry> group(Intent intent, Tier tier) {
        List<Entry> out = new ArrayList<>();
        for (Language l : Language.values()) {
            for (int p = 1; p <= PRIORITIES; p++) {
                out.addAll(queues[index(intent, tier, l, p)]);
            }
        }
        out.sort(Entry.ORDER);
        return out;
    }
}
