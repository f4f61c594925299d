package dev.frontline.core.flow;

import dev.frontline.core.common.Backend;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the interpreter remembers about one call between two steps: immutable, serialisable to JSON
 * (records, enums, strings, maps and lists only), so a backend can resume it after a restart. Never holds a
 * secret (no PIN, no login): those only pass through effect instructions and their results.
 *
 * @param node      the current node id
 * @param waiting   what the current node waits for
 * @param tries     bad or missing answers so far in the current node
 * @param customerId the identified customer's id, null when unknown
 * @param vars      flow variables (e.g. {@code contract}, input values, {@code outage-end} as HHMM)
 * @param trail     human-readable steps for the operator's screen-pop: "pressed 1 (technical failure)"
 * @param outcome   how the call ended (or will be recorded as ending if the caller hangs up now); null = abandoned
 * @param version   incremented by every step (optimistic check in the store)
 */
public record FlowSession(String callId, String flow, String node, Waiting waiting, int tries, int pinFailures,
                          Language language, String callingNumber, String calledNumber, Backend backend,
                          Long customerId, boolean identified, boolean verified, boolean hasMobile, String area,
                          Intent intent, Integer priority, Tier tier, Map<String, String> vars, List<String> trail,
                          boolean queued, String outcome, String endedAt, boolean ended, int version) {

    /** What the current node waits for. */
    public enum Waiting { NOTHING, DIGITS, RESULT, QUEUE, QUEUE_STATUS, KEEP_PLACE, LEFT_QUEUE, ENDED }

    public FlowSession {
        vars = Map.copyOf(vars);
        trail = List.copyOf(trail);
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Mutable copy used within one step. The variables and the trail are the session's own (immutable) until the step
     * changes them ({@link #putVar}, {@link #removeVar}, {@link #addTrail}): most steps of a waiting caller change
     * neither, and copying them was a tenth of a hold webhook's CPU.
     */
    static final class Builder {
        String callId, flow, node, callingNumber, calledNumber, area, outcome, endedAt;
        Waiting waiting;
        int tries, pinFailures, version;
        Language language;
        Backend backend;
        Long customerId;
        boolean identified, verified, hasMobile, queued, ended;
        Intent intent;
        Integer priority;
        Tier tier;
        /** Read freely; changed only through {@link #putVar} and {@link #removeVar}. */
        Map<String, String> vars;
        /** Read freely; added to only through {@link #addTrail}. */
        List<String> trail;
        private boolean varsCopied;
        private boolean trailCopied;

        Builder(FlowSession s) {
            callId = s.callId; flow = s.flow; node = s.node; waiting = s.waiting; tries = s.tries;
            pinFailures = s.pinFailures; language = s.language; callingNumber = s.callingNumber;
            calledNumber = s.calledNumber; backend = s.backend; customerId = s.customerId; identified = s.identified;
            verified = s.verified; hasMobile = s.hasMobile; area = s.area; intent = s.intent; priority = s.priority;
            tier = s.tier; vars = s.vars; trail = s.trail; queued = s.queued;
            outcome = s.outcome; endedAt = s.endedAt; ended = s.ended; version = s.version;
        }

        void putVar(String name, String value) {
            if (value.equals(vars.get(name))) {
                return;
            }
            if (!varsCopied) {
                vars = new LinkedHashMap<>(vars);
                varsCopied = true;
            }
            vars.put(name, value);
        }

        void removeVar(String name) {
            if (!vars.containsKey(name)) {
                return;
            }
            if (!varsCopied) {
                vars = new LinkedHashMap<>(vars);
                varsCopied = true;
            }
            vars.remove(name);
        }

        void addTrail(String line) {
            if (!trailCopied) {
                trail = new ArrayList<>(trail);
                trailCopied = true;
            }
            trail.add(line);
        }

        FlowSession build() {
            return new FlowSession(callId, flow, node, waiting, tries, pinFailures, language, callingNumber,
                    calledNumber, backend, customerId, identified, verified, hasMobile, area, intent, priority, tier,
                    vars, trail, queued, outcome, endedAt, ended, version);
        }
    }
}
