package dev.frontline.server.api;

import dev.frontline.core.operator.Operator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Login tokens: 256 random bits each, valid for a fixed time. In memory: a restart logs desktops out. Thread-safe. */
public final class Sessions {
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, DeskSession> byToken = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;

    public Sessions(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    public DeskSession open(Operator operator) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        DeskSession s = new DeskSession(token, operator, clock.instant().plus(ttl));
        byToken.put(token, s);
        return s;
    }

    /** The live session for {@code token}; empty when unknown or expired (an expired one is dropped). */
    public Optional<DeskSession> find(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        DeskSession s = byToken.get(token);
        if (s == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(s.expiresAt())) {
            byToken.remove(token);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public boolean close(String token) {
        return token != null && byToken.remove(token) != null;
    }

    /** Removes and returns the sessions that expired by now. */
    public List<DeskSession> sweepExpired() {
        List<DeskSession> gone = new ArrayList<>();
        var now = clock.instant();
        byToken.values().removeIf(s -> {
            boolean expired = !now.isBefore(s.expiresAt());
            if (expired) {
                gone.add(s);
            }
            return expired;
        });
        return gone;
    }

    public boolean isLive(DeskSession s) {
        return byToken.get(s.token()) == s && clock.instant().isBefore(s.expiresAt());
    }
}
