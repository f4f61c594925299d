package dev.frontline.server.api;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.SpyMode;
import dev.frontline.core.store.AuditLog;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who listens in on whom now, as the desks show it: one listening-in per supervisor. Tells the supervisor of every
 * change and the operator while the supervisor whispers or barges (listening is silent, ADR 0139); records every
 * start, change and end in the audit log. Thread-safe (one lock; sends are queued by the hub, never blocking).
 */
final class Spies {
    private final DesktopHub hub;
    private final AuditLog audit;
    private final Clock clock;
    /** By supervisor login. */
    private final java.util.Map<String, Views.Spy> bySupervisor = new java.util.HashMap<>();
    /** The phone each listening supervisor listens on, by supervisor login. */
    private final java.util.Map<String, String> phones = new java.util.HashMap<>();

    Spies(DesktopHub hub, AuditLog audit, Clock clock) {
        this.hub = hub;
        this.audit = audit;
        this.clock = clock;
    }

    /** The supervisor's listening-in now, if any. */
    synchronized Optional<Views.Spy> ofSupervisor(String login) {
        return Optional.ofNullable(bySupervisor.get(login));
    }

    /** The listening-in the operator {@code login} is to see (a whisper or a barge on their call), if any. */
    synchronized Optional<Views.Spy> shownTo(String login) {
        return bySupervisor.values().stream().filter(s -> s.operator().equals(login) && s.mode() != SpyMode.LISTEN)
                .findFirst();
    }

    /**
     * The supervisor's phone is on {@code spy}'s call now, in its mode: a new listening-in, or the one on the same call
     * in another mode. A listening-in on another call ends first ({@code stopped}).
     */
    void started(Views.Spy spy) {
        started(spy, null);
    }

    /** {@link #started(Views.Spy)} from the supervisor's phone {@code endpoint} (null: not known). */
    void started(Views.Spy spy, String endpoint) {
        Views.Spy before;
        synchronized (this) {
            before = bySupervisor.put(spy.supervisor(), spy);
            if (endpoint != null) {
                phones.put(spy.supervisor(), endpoint);
            }
        }
        if (before != null && !before.callId().equals(spy.callId())) {
            ended(before, ServerMessage.SpyChanged.STOPPED);
            before = null;
        }
        ServerMessage.SpyChanged on = new ServerMessage.SpyChanged(spy, ServerMessage.SpyChanged.ON, null,
                clock.instant());
        hub.toLogin(spy.supervisor(), on);
        if (spy.mode() != SpyMode.LISTEN) {
            hub.toLogin(spy.operator(), on);
        } else if (before != null && before.mode() != SpyMode.LISTEN) {
            // whisper or barge became listening: the operator's marker goes, as if the supervisor had left
            hub.toLogin(spy.operator(), new ServerMessage.SpyChanged(before, ServerMessage.SpyChanged.ENDED,
                    ServerMessage.SpyChanged.STOPPED, clock.instant()));
        }
    }

    /** The supervisor stopped; empty when they were not listening in. */
    Optional<Views.Spy> stop(String supervisor) {
        Views.Spy spy;
        synchronized (this) {
            spy = bySupervisor.remove(supervisor);
            phones.remove(supervisor);
        }
        if (spy != null) {
            ended(spy, ServerMessage.SpyChanged.STOPPED);
        }
        return Optional.ofNullable(spy);
    }

    /**
     * The supervisor's phone {@code endpoint} left call {@code callId} by itself (hung up, or the PBX refused to ring
     * it): that listening-in ends ({@code hung-up}). Nothing when no supervisor listens on it from that phone.
     */
    void phoneLeft(String callId, String endpoint) {
        Views.Spy spy = null;
        synchronized (this) {
            for (var e : phones.entrySet()) {
                Views.Spy s = bySupervisor.get(e.getKey());
                if (e.getValue().equals(endpoint) && s != null && s.callId().equals(callId)) {
                    spy = bySupervisor.remove(e.getKey());
                    phones.remove(e.getKey());
                    break;
                }
            }
        }
        if (spy != null) {
            ended(spy, ServerMessage.SpyChanged.HUNG_UP);
        }
    }

    /** A listening-in that ended with its call, and the supervisor's phone on it (null: not known). */
    record Gone(Views.Spy spy, String phone) {
    }

    /**
     * The call is over for its operator ({@code outcome} {@code call-ended} or {@code transferred}): its spies end.
     * Returns them, with their phones, for the backend to let those phones go where the call lives on.
     */
    List<Gone> callGone(String callId, String outcome) {
        List<Gone> gone = new ArrayList<>();
        synchronized (this) {
            bySupervisor.values().removeIf(s -> {
                if (s.callId().equals(callId)) {
                    gone.add(new Gone(s, phones.remove(s.supervisor())));
                    return true;
                }
                return false;
            });
        }
        gone.forEach(g -> ended(g.spy(), outcome));
        return gone;
    }

    private void ended(Views.Spy spy, String outcome) {
        audit.record(spy.supervisor(), "supervise-end", spy.operator(), "call " + spy.callId() + ": " + outcome);
        ServerMessage.SpyChanged m = new ServerMessage.SpyChanged(spy, ServerMessage.SpyChanged.ENDED, outcome,
                clock.instant());
        hub.toLogin(spy.supervisor(), m);
        if (spy.mode() != SpyMode.LISTEN) {
            hub.toLogin(spy.operator(), m);
        }
    }
}
