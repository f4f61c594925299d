package dev.frontline.core.acd;

import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;

import java.time.Duration;
import java.time.Instant;

/**
 * Who may take what: skill (intent), tier or overflow (a line-1 caller waiting past {@code acd.overflow.after} may
 * go to line 2), language or fallback (after {@code acd.language-fallback} any language). Looks only at queue heads
 * and operator buckets (ADR 0020). Reads the state; changes nothing.
 */
final class Matcher {
    private final AcdConfig config;
    private final AcdState state;

    Matcher(AcdConfig config, AcdState state) {
        this.config = config;
        this.state = state;
    }

    /** The longest-idle ready operator who may take {@code e} now, or null. */
    Agent bestAgentFor(Entry e, Instant now) {
        if (e.stickyAt(now)) {
            Agent preferred = state.agents.get(e.preferred());
            if (preferred != null && preferred.state == dev.frontline.core.acd.OperatorState.READY
                    && preferred.phoneRegistered && preferred.intents().contains(e.intent())
                    && preferred.tiers().contains(e.tier())) {
                return preferred;
            }
            if (keptFor(e, preferred)) {
                return null; // they are on a call or wrapping up: the caller waits a few seconds for them
            }
        }
        Duration waited = Duration.between(e.arrivedAt(), now);
        boolean anyLanguage = waited.compareTo(config.languageFallback()) >= 0;
        Agent best = null;
        for (int t = 0; t < 2; t++) {
            Tier tier = e.tier();
            if (t == 1) {
                if (!overflows(e, waited)) {
                    break;
                }
                tier = Tier.LINE2;
            }
            if (anyLanguage) {
                for (Language l : Language.values()) {
                    Agent cand = state.ready.longestIdle(e.intent(), tier, l);
                    if (cand != null && ReadyOperators.idleLonger(cand, best)) {
                        best = cand;
                    }
                }
            } else {
                Agent cand = state.ready.longestIdle(e.intent(), tier, e.language());
                if (cand != null && ReadyOperators.idleLonger(cand, best)) {
                    best = cand;
                }
            }
        }
        return best;
    }

    /** The best-ranked waiting entry {@code a} may take now, or null. */
    Entry bestEntryFor(Agent a, Instant now) {
        Entry best = null;
        Entry kept = null; // a returning customer kept for this operator goes first (sticky routing)
        boolean overflowTaker = config.overflowEnabled() && a.tiers().contains(Tier.LINE2);
        for (var intent : a.intents()) {
            for (Tier tier : Tier.values()) {
                boolean direct = a.tiers().contains(tier);
                if (!direct && !(tier == Tier.LINE1 && overflowTaker)) {
                    continue;
                }
                for (Language l : Language.values()) {
                    for (int p = 1; p <= WaitingQueues.PRIORITIES; p++) {
                        Entry head = state.waiting.head(intent, tier, l, p);
                        if (head != null && head.stickyAt(now) && a.id.equals(head.preferred()) && direct
                                && (kept == null || Entry.ORDER.compare(head, kept) < 0)) {
                            kept = head;
                        }
                        if (head != null && (best == null || Entry.ORDER.compare(head, best) < 0)
                                && eligible(head, a, direct, now)) {
                            best = head;
                        }
                    }
                }
            }
        }
        return kept != null ? kept : best;
    }

    private boolean eligible(Entry e, Agent a, boolean directTier, Instant now) {
        if (e.stickyAt(now) && !a.id.equals(e.preferred()) && keptFor(e, state.agents.get(e.preferred()))) {
            return false;
        }
        Duration waited = Duration.between(e.arrivedAt(), now);
        if (!directTier && !overflows(e, waited)) {
            return false;
        }
        return a.languages().contains(e.language()) || waited.compareTo(config.languageFallback()) >= 0;
    }

    /** The call waits for its preferred operator: logged in and busy (on a call, ringing or wrapping up). */
    private static boolean keptFor(Entry e, Agent preferred) {
        return preferred != null && (preferred.state == OperatorState.TALKING || preferred.state == OperatorState.RINGING
                || preferred.state == OperatorState.WRAP_UP) && preferred.intents().contains(e.intent())
                && preferred.tiers().contains(e.tier());
    }

    private boolean overflows(Entry e, Duration waited) {
        return config.overflowEnabled() && e.tier() == Tier.LINE1 && waited.compareTo(config.overflowAfter()) >= 0;
    }
}
