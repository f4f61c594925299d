package dev.frontline.server.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * Failed logins per login <em>and</em> client address: after {@code maxFailures} in a row that pair is locked for a
 * minute, each further lock-out of the same pair doubles it (up to an hour); a success clears the pair. A locked
 * pair never locks the same login from another address, so an attacker cannot lock an operator out (the per-address
 * limit on all attempts is the route's, before the body is read). Every lock-out is handed to {@code onLockout}
 * (log, audit, supervisors). Thread-safe.
 */
final class LoginGuard {
    private static final Logger log = LoggerFactory.getLogger(LoginGuard.class);
    static final Duration FIRST_LOCK = Duration.ofMinutes(1);
    static final Duration LONGEST_LOCK = Duration.ofHours(1);

    private final Clock clock;
    private final int maxFailures;
    private final BiConsumer<String, String> onLockout;
    private final ConcurrentHashMap<String, Pair> pairs = new ConcurrentHashMap<>();

    /** @param onLockout told (login, "address for N s") when a pair is locked */
    LoginGuard(Clock clock, int maxFailures, BiConsumer<String, String> onLockout) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.onLockout = onLockout;
    }

    private static final class Pair {
        int failures;
        int lockouts;
        Instant lockedUntil = Instant.MIN;
    }

    /** Seconds until {@code login} may try again from {@code address} (0: now). */
    long lockedFor(String login, String address) {
        Pair p = pairs.get(key(login, address));
        if (p == null) {
            return 0;
        }
        synchronized (p) {
            Instant now = clock.instant();
            return now.isBefore(p.lockedUntil) ? Math.max(1, Duration.between(now, p.lockedUntil).toSeconds()) : 0;
        }
    }

    void failed(String login, String address) {
        Pair p = pairs.computeIfAbsent(key(login, address), k -> new Pair());
        Duration lock = null;
        synchronized (p) {
            p.failures++;
            if (p.failures >= maxFailures) {
                p.failures = 0;
                lock = FIRST_LOCK.multipliedBy(1L << Math.min(p.lockouts, 6));
                if (lock.compareTo(LONGEST_LOCK) > 0) {
                    lock = LONGEST_LOCK;
                }
                p.lockouts++;
                p.lockedUntil = clock.instant().plus(lock);
            }
        }
        if (lock != null) {
            log.warn("login '{}' locked from {} for {} s after {} failed attempts", login, address,
                    lock.toSeconds(), maxFailures);
            onLockout.accept(login, address + " for " + lock.toSeconds() + " s");
        }
    }

    void succeeded(String login, String address) {
        pairs.remove(key(login, address));
    }

    private static String key(String login, String address) {
        return login + "\n" + address;
    }
}
