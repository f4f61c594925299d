package dev.frontline.core.acd;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * Ready operators with a registered phone, indexed by every (intent, tier, language) they serve, longest idle
 * first. An operator is in the index exactly while it may be offered a call. Not thread-safe.
 */
final class ReadyOperators {
    private static final Comparator<Agent> LONGEST_IDLE = Comparator.comparing((Agent a) -> a.readySince)
            .thenComparing(a -> a.id.value());
    private static final int BUCKETS = Intent.values().length * Tier.values().length * Language.values().length;

    @SuppressWarnings("unchecked")
    private final TreeSet<Agent>[] buckets = new TreeSet[BUCKETS];
    private int size;

    ReadyOperators() {
        for (int i = 0; i < BUCKETS; i++) {
            buckets[i] = new TreeSet<>(LONGEST_IDLE);
        }
    }

    private static int index(Intent intent, Tier tier, Language language) {
        return (intent.ordinal() * Tier.values().length + tier.ordinal()) * Language.values().length + language.ordinal();
    }

    /** Puts the agent in or out of the index to match its state; call after any change of state or phone. */
    void update(Agent a) {
        boolean should = a.state == OperatorState.READY && a.phoneRegistered && a.current == null;
        if (should == a.indexed) {
            return;
        }
        for (Intent i : a.intents()) {
            for (Tier t : a.tiers()) {
                for (Language l : a.languages()) {
                    if (should) {
                        buckets[index(i, t, l)].add(a);
                    } else {
                        buckets[index(i, t, l)].remove(a);
                    }
                }
            }
        }
        a.indexed = should;
        size += should ? 1 : -1;
    }

    /** Takes the agent out of the index whatever its state (before its ranking fields change). */
    void remove(Agent a) {
        if (a.indexed) {
            for (Intent i : a.intents()) {
                for (Tier t : a.tiers()) {
                    for (Language l : a.languages()) {
                        buckets[index(i, t, l)].remove(a);
                    }
                }
            }
            a.indexed = false;
            size--;
        }
    }

    Agent longestIdle(Intent intent, Tier tier, Language language) {
        TreeSet<Agent> b = buckets[index(intent, tier, language)];
        return b.isEmpty() ? null : b.first();
    }

    boolean isEmpty() {
        return size == 0;
    }

    static boolean idleLonger(Agent a, Agent b) {
        return b == null || LONGEST_IDLE.compare(a, b) < 0;
    }
}
