package dev.frontline.server.twilio;

import dev.frontline.core.common.SpyMode;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The supervisors' phones in operators' conferences (ADR 0151), by call and supervisor endpoint: the participant
 * (its CallSid once Twilio took it), its mode, and whether the desk stopped it before Twilio answered the create.
 * A mode switch updates this participant, <em>Stop</em> removes it, and its end (the supervisor hung up) is told
 * to the desks once. Memory only: after a restart a supervisor still listening hangs up their own phone. Thread-safe.
 */
final class SupervisorLegs {

    /** Where a supervisor joins: the conference (SID or name) and the operator's leg, for {@code CallSidToCoach}. */
    record Target(String conference, String operatorLeg) {
    }

    /** One supervisor's participant on a call. {@code leg}: empty until Twilio answered the create. */
    record Leg(String call, String endpoint, String conference, Optional<String> leg, SpyMode mode) {
    }

    /** Supervisors' participants kept at most. */
    private static final int MAX = 10_000;
    private final Map<String, Leg> legs = new ConcurrentHashMap<>();

    private static String key(String call, String endpoint) {
        return call + "\n" + endpoint;
    }

    /** The supervisor's participant on the call, if one is there (or being added). */
    Optional<Leg> find(String call, String endpoint) {
        return Optional.ofNullable(legs.get(key(call, endpoint)));
    }

    /** A participant is being added for the supervisor: false when one is there already (then it is updated). */
    boolean adding(String call, String endpoint, String conference, SpyMode mode) {
        if (legs.size() >= MAX) {
            legs.clear(); // ends that never reached us (lost status callbacks); such supervisors are rung again
        }
        return legs.putIfAbsent(key(call, endpoint), new Leg(call, endpoint, conference, Optional.empty(), mode)) == null;
    }

    /** Twilio took the participant: false when the desk stopped it meanwhile (then it is to be removed). */
    boolean created(String call, String endpoint, String leg) {
        return legs.computeIfPresent(key(call, endpoint), (k, l) -> new Leg(l.call(), l.endpoint(), l.conference(),
                Optional.of(leg), l.mode())) != null;
    }

    /** The participant's mode now. */
    void mode(String call, String endpoint, SpyMode mode) {
        legs.computeIfPresent(key(call, endpoint), (k, l) -> new Leg(l.call(), l.endpoint(), l.conference(), l.leg(),
                mode));
    }

    /** The desk stopped, or the create failed: forgotten; returns what it was. */
    Optional<Leg> remove(String call, String endpoint) {
        return Optional.ofNullable(legs.remove(key(call, endpoint)));
    }

    /** The participant {@code leg} ended at Twilio: forgotten when it was one of ours still listening; returns it. */
    Optional<Leg> ended(String call, String endpoint, String leg) {
        Leg[] gone = new Leg[1];
        legs.computeIfPresent(key(call, endpoint), (k, l) -> {
            if (l.leg().map(leg::equals).orElse(true)) {
                gone[0] = l;
                return null;
            }
            return l;
        });
        return Optional.ofNullable(gone[0]);
    }
}
