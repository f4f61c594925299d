package dev.frontline.server.api;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.common.OperatorId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operators whose desktop went away. Logging out, or no desktop of theirs connected for {@link #GRACE} (closed
 * without logging out, the PC switched off; a network drop reconnects well within it), sets a Ready, Missed or
 * Break operator Offline in the ACD: callers are not offered to an empty desk and the wallboard and the wait
 * estimates do not count them. Ringing, talking and wrap-up are left alone (the call goes on on the phone) until
 * they end.
 * After a restart the same holds for operators the ACD restored ({@link #expect}). The demo's simulated operators,
 * which never have a desktop, are not touched. Thread-safe.
 */
final class AbsentDesks {
    static final Duration GRACE = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(AbsentDesks.class);
    /** The states an operator without a desktop is taken out of. */
    private static final Set<OperatorState> IDLE = Set.of(OperatorState.READY, OperatorState.MISSED, OperatorState.BREAK);

    private final DesktopHub hub;
    private final LiveDesks desks;
    private final Acd acd;
    private final Clock clock;
    /** Logins whose last desktop went away, and when. */
    private final Map<String, Instant> leftAt = new ConcurrentHashMap<>();

    AbsentDesks(DesktopHub hub, LiveDesks desks, Acd acd, Clock clock) {
        this.hub = hub;
        this.desks = desks;
        this.acd = acd;
        this.clock = clock;
    }

    /** A desktop of {@code login} disconnected (the hub has already let go of it). */
    void left(String login) {
        if (!hub.isConnected(login)) {
            leftAt.put(login, clock.instant());
        }
    }

    /**
     * After a restart: an operator the ACD restored as anything but Offline must have a desktop back within the
     * grace (desktops reconnect by themselves), or it is set Offline like one whose desktop went away (one on a
     * call, once the call is over).
     */
    void expect(String login, OperatorState restored) {
        if (restored != OperatorState.OFFLINE && !hub.isConnected(login)) {
            leftAt.putIfAbsent(login, clock.instant());
        }
    }

    void back(String login) {
        leftAt.remove(login);
    }

    /**
     * The operator logged out: Offline now, whatever desktops remain (they are being closed); if on a call, or its
     * last state change is still on the way, at the next sweeps.
     */
    void loggedOut(String login) {
        leftAt.put(login, clock.instant().minus(GRACE));
        if (offline(login, "logged out")) {
            leftAt.remove(login);
        }
    }

    /**
     * Sets Offline those gone for {@link #GRACE} without a desktop coming back; returns their logins. One on a call
     * then is checked again at every sweep, so it goes Offline once the call and its wrap-up are over.
     */
    List<String> sweep() {
        Instant now = clock.instant();
        List<String> gone = new ArrayList<>();
        for (Map.Entry<String, Instant> e : leftAt.entrySet()) {
            if (now.isBefore(e.getValue().plus(GRACE))) {
                continue;
            }
            if (hub.isConnected(e.getKey())) {
                leftAt.remove(e.getKey(), e.getValue());
            } else if (desks.get(e.getKey()).state() == OperatorState.OFFLINE) {
                leftAt.remove(e.getKey(), e.getValue()); // went offline by itself
            } else if (offline(e.getKey(), "desktop closed")) {
                leftAt.remove(e.getKey(), e.getValue());
                gone.add(e.getKey());
            }
        }
        return gone;
    }

    private boolean offline(String login, String reason) {
        OperatorState state = desks.get(login).state();
        if (!IDLE.contains(state)) {
            return false;
        }
        LOG.info("{} is {} with no desktop ({}): offline", login, state.name().toLowerCase(), reason);
        acd.setOperatorState(new OperatorId(login), OperatorState.OFFLINE, reason);
        return true;
    }
}
