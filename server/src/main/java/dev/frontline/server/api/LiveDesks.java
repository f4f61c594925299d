package dev.frontline.server.api;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ServerMessage;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each operator's desktop should show right now: ACD state and the current call (offered, connected or in
 * wrap-up). Fed from ACD events and screen-pops; read for the Welcome of a (re)connecting desktop. Thread-safe.
 */
public final class LiveDesks {

    /** One operator's picture; {@code current} null when no call. */
    record Desk(OperatorState state, String reason, Instant since, ServerMessage.ScreenPop current, String phase,
                Instant wrapUpUntil) {
        Desk withState(OperatorState s, String r, Instant at) {
            boolean keepCall = s == OperatorState.RINGING || s == OperatorState.TALKING || s == OperatorState.WRAP_UP;
            return new Desk(s, r, at, keepCall ? current : null, keepCall ? phase : null,
                    keepCall ? wrapUpUntil : null);
        }
    }

    private final ConcurrentHashMap<String, Desk> desks = new ConcurrentHashMap<>();
    /** Consultations under way, by the login of either side. */
    private final ConcurrentHashMap<String, dev.frontline.core.api.Views.Consultation> consults = new ConcurrentHashMap<>();

    /** A consultation started or its colleague answered: both desks are to show it. */
    void consulting(dev.frontline.core.api.Views.Consultation c) {
        consults.put(c.from(), c);
        consults.put(c.to(), c);
    }

    void consultEnded(String callId) {
        consults.values().removeIf(c -> c.callId().equals(callId));
    }

    /** The consultation about this desk's current call, on either side; empty when none. */
    Optional<dev.frontline.core.api.Views.Consultation> consultation(String login) {
        dev.frontline.core.api.Views.Consultation c = consults.get(login);
        ServerMessage.ScreenPop current = get(login).current();
        return c != null && current != null && current.callId().equals(c.callId()) ? Optional.of(c) : Optional.empty();
    }

    /** How many desks are in each state now. */
    java.util.Map<OperatorState, Long> countByState() {
        java.util.Map<OperatorState, Long> out = new java.util.EnumMap<>(OperatorState.class);
        desks.values().forEach(d -> out.merge(d.state(), 1L, Long::sum));
        return out;
    }

    Desk get(String login) {
        return desks.getOrDefault(login, new Desk(OperatorState.OFFLINE, null, null, null, null, null));
    }

    /** The ACD's state at start-up; never overwrites what an event already said. */
    void seed(String login, OperatorState state, String reason, Instant at) {
        desks.putIfAbsent(login, new Desk(state, reason, at, null, null, null));
    }

    void state(String login, OperatorState state, String reason, Instant at) {
        desks.compute(login, (k, d) -> (d == null ? get(k) : d).withState(state, reason, at));
    }

    void offered(String login, ServerMessage.ScreenPop pop) {
        desks.compute(login, (k, d) -> {
            Desk cur = d == null ? get(k) : d;
            return new Desk(cur.state(), cur.reason(), cur.since(), pop, "offered", null);
        });
    }

    void connected(String login, String callId) {
        desks.computeIfPresent(login, (k, d) -> d.current() != null && d.current().callId().equals(callId)
                ? new Desk(d.state(), d.reason(), d.since(), d.current(), "connected", null) : d);
    }

    void finished(String login, String callId, Instant wrapUpUntil) {
        desks.computeIfPresent(login, (k, d) -> d.current() != null && d.current().callId().equals(callId)
                ? new Desk(d.state(), d.reason(), d.since(), d.current(), "wrap-up", wrapUpUntil) : d);
    }

    /** The call went away unanswered: forget it if it is still this desk's current call. */
    void withdrawn(String login, String callId) {
        desks.computeIfPresent(login, (k, d) -> d.current() != null && d.current().callId().equals(callId)
                ? new Desk(d.state(), d.reason(), d.since(), null, null, null) : d);
    }

    /** The login whose current call is {@code callId}, if any. */
    Optional<String> holderOf(String callId) {
        for (var e : desks.entrySet()) {
            ServerMessage.ScreenPop c = e.getValue().current();
            if (c != null && c.callId().equals(callId)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    Optional<ServerMessage.ScreenPop> currentCall(String login) {
        return Optional.ofNullable(get(login).current());
    }
}
