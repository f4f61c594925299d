package dev.frontline.core.acd;

import dev.frontline.core.common.Tier;
import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.desk.Targets;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code acd} section of frontline.yaml, validated.
 *
 * @param ringTimeout           ring-no-answer: the offered operator is marked MISSED, the call goes back
 * @param wrapUp                after-call work; {@link Duration#ZERO} makes the operator ready at once
 * @param languageFallback      after this wait a caller is offered to operators of any language
 * @param ageingPerLevel        how much longer a caller one priority level lower must have waited to be served
 *                              first: ranking is {@code arrivedAt + (priority - 1) * ageingPerLevel}
 * @param overflowAfter         a line-1 caller waiting longer than this is also offered to line-2 operators;
 *                              {@code null} turns overflow off
 * @param onLineTarget          the longest a live caller should wait (service level target, SLA breach alert);
 *                              {@code desk.targets.on-line}
 * @param tierTargets           answer targets per tier for callbacks (from their place in line); {@code desk.targets}
 * @param metricsWindow         the window of finished calls behind service level, ASA, AHT, abandon rate
 * @param defaultHandleTime     handle time assumed for wait estimates until calls have been measured
 * @param callbackAttempts      attempts per callback (the first call plus retries)
 * @param callbackRetryInterval the pause between attempts
 * @param callbackAttemptTimeout an attempt nobody reported on is failed after this
 * @param tick                  how often timers are checked in production
 * @param callbackCallerId      the number callbacks present to the customer (empty: the backend's default)
 * @param stickyFor             a customer who talked to an operator within {@code stickyWithin} is offered first to
 *                              that operator: at once when ready, or after waiting up to this long for them while
 *                              they are on a call or in wrap-up; zero turns sticky routing off
 * @param stickyWithin          how recent that conversation must be
 * @param snapshotEvents        the leader stores a snapshot of the routing state after this many new events
 *                              ({@code acd.snapshot-every.events}) ...
 * @param snapshotTime          ... or after this long with any new event ({@code acd.snapshot-every.time})
 */
public record AcdConfig(Duration ringTimeout, Duration wrapUp, Duration languageFallback, Duration ageingPerLevel,
                        Duration overflowAfter, Duration onLineTarget, Map<Tier, Duration> tierTargets,
                        Duration metricsWindow, Duration defaultHandleTime, int callbackAttempts,
                        Duration callbackRetryInterval, Duration callbackAttemptTimeout, Duration tick,
                        String callbackCallerId, Duration stickyFor, Duration stickyWithin,
                        int snapshotEvents, Duration snapshotTime) {

    public AcdConfig {
        positive("acd.ring-timeout", ringTimeout);
        notNegative("acd.wrap-up", wrapUp);
        notNegative("acd.language-fallback", languageFallback);
        notNegative("acd.ageing-per-priority-level", ageingPerLevel);
        if (overflowAfter != null) {
            notNegative("acd.overflow.after", overflowAfter);
        }
        positive("desk.targets.on-line", onLineTarget);
        Objects.requireNonNull(tierTargets, "tierTargets");
        for (Tier t : Tier.values()) {
            positive("desk.targets." + t.name().toLowerCase(java.util.Locale.ROOT), tierTargets.get(t));
        }
        tierTargets = Map.copyOf(tierTargets);
        positive("acd.metrics-window", metricsWindow);
        positive("acd.default-handle-time", defaultHandleTime);
        if (callbackAttempts < 1) {
            throw new ConfigException("acd.callback.attempts", "must be at least 1, not " + callbackAttempts);
        }
        notNegative("acd.callback.retry-interval", callbackRetryInterval);
        positive("acd.callback.attempt-timeout", callbackAttemptTimeout);
        positive("acd.tick", tick);
        callbackCallerId = callbackCallerId == null ? "" : callbackCallerId.trim();
        notNegative("acd.sticky.for", stickyFor);
        positive("acd.sticky.within", stickyWithin);
        if (snapshotEvents < 1) {
            throw new ConfigException("acd.snapshot-every.events", "must be at least 1, not " + snapshotEvents);
        }
        positive("acd.snapshot-every.time", snapshotTime);
    }

    /** The documented defaults (the commented {@code acd} section of frontline.yaml). */
    public static AcdConfig defaults() {
        return from(new ConfigNode("acd", Map.of()));
    }

    /** Reads the {@code acd} section with the default desk targets. */
    public static AcdConfig from(ConfigNode acd) {
        return from(acd, Targets.DEFAULTS);
    }

    /**
     * Reads the {@code acd} section; the service targets are the desk's ({@code desk.targets}), kept in one place.
     * Unknown keys are refused with their full name.
     */
    public static AcdConfig from(ConfigNode acd, Targets targets) {
        ConfigNode overflow = acd.section("overflow");
        boolean overflowOn = overflow.bool("enabled", true);
        Duration overflowAfter = overflow.duration("after", Duration.ofSeconds(30));
        overflow.rejectUnknownKeys();
        Duration onLine = targets.onLine();
        Map<Tier, Duration> tiers = new EnumMap<>(Tier.class);
        for (Tier t : Tier.values()) {
            tiers.put(t, targets.forTier(t));
        }
        ConfigNode callback = acd.section("callback");
        int attempts = callback.integer("attempts", 3, 1, 20);
        Duration retry = callback.duration("retry-interval", Duration.ofMinutes(10));
        Duration attemptTimeout = callback.duration("attempt-timeout", Duration.ofMinutes(2));
        String callerId = callback.string("caller-id", "");
        callback.rejectUnknownKeys();
        ConfigNode sticky = acd.section("sticky");
        Duration stickyFor = sticky.duration("for", Duration.ofSeconds(10));
        Duration stickyWithin = sticky.duration("within", Duration.ofHours(24));
        sticky.rejectUnknownKeys();
        ConfigNode snapshots = acd.section("snapshot-every");
        int snapshotEvents = snapshots.integer("events", 20_000, 1, 100_000_000);
        Duration snapshotTime = snapshots.duration("time", Duration.ofMinutes(10));
        snapshots.rejectUnknownKeys();
        AcdConfig config = new AcdConfig(
                acd.duration("ring-timeout", Duration.ofSeconds(15)),
                acd.duration("wrap-up", Duration.ofSeconds(30)),
                acd.duration("language-fallback", Duration.ofSeconds(20)),
                acd.duration("ageing-per-priority-level", Duration.ofMinutes(2)),
                overflowOn ? overflowAfter : null,
                onLine, tiers,
                acd.duration("metrics-window", Duration.ofHours(1)),
                acd.duration("default-handle-time", Duration.ofMinutes(4)),
                attempts, retry, attemptTimeout,
                acd.duration("tick", Duration.ofSeconds(1)), callerId, stickyFor, stickyWithin,
                snapshotEvents, snapshotTime);
        acd.rejectUnknownKeys();
        return config;
    }

    /**
     * Settings that work against the desk's own targets (a desk may choose them; the server logs these at start):
     * a language fallback at or past the on-line target means a caller whose language is busy breaches the target
     * while operators of other languages are free.
     */
    public java.util.List<String> policyWarnings() {
        if (languageFallback.compareTo(onLineTarget) >= 0) {
            return java.util.List.of("acd.language-fallback (" + languageFallback.toSeconds() + " s) is not shorter than "
                    + "desk.targets.on-line (" + onLineTarget.toSeconds() + " s): a caller whose language is busy will wait "
                    + "past the target while operators of other languages are free");
        }
        return java.util.List.of();
    }

    /** A copy with sticky routing set (zero {@code stickyFor}: off). */
    public AcdConfig withSticky(Duration stickyFor, Duration stickyWithin) {
        return new AcdConfig(ringTimeout, wrapUp, languageFallback, ageingPerLevel, overflowAfter, onLineTarget,
                tierTargets, metricsWindow, defaultHandleTime, callbackAttempts, callbackRetryInterval,
                callbackAttemptTimeout, tick, callbackCallerId, stickyFor, stickyWithin, snapshotEvents, snapshotTime);
    }

    /** A copy that stores a snapshot after {@code events} new events or {@code time} (tests and benchmarks). */
    public AcdConfig withSnapshotEvery(int events, Duration time) {
        return new AcdConfig(ringTimeout, wrapUp, languageFallback, ageingPerLevel, overflowAfter, onLineTarget,
                tierTargets, metricsWindow, defaultHandleTime, callbackAttempts, callbackRetryInterval,
                callbackAttemptTimeout, tick, callbackCallerId, stickyFor, stickyWithin, events, time);
    }

    public boolean overflowEnabled() {
        return overflowAfter != null;
    }

    public Duration tierTarget(Tier tier) {
        return tierTargets.get(tier);
    }

    /** A copy with other timings (tests and benchmarks). */
    public AcdConfig withTimings(Duration ringTimeout, Duration wrapUp, Duration languageFallback) {
        return new AcdConfig(ringTimeout, wrapUp, languageFallback, ageingPerLevel, overflowAfter, onLineTarget,
                tierTargets, metricsWindow, defaultHandleTime, callbackAttempts, callbackRetryInterval,
                callbackAttemptTimeout, tick, callbackCallerId, stickyFor, stickyWithin, snapshotEvents, snapshotTime);
    }

    private static void positive(String key, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException(key, "must be a positive duration, not " + d);
        }
    }

    private static void notNegative(String key, Duration d) {
        if (d == null || d.isNegative()) {
            throw new ConfigException(key, "must not be negative, not " + d);
        }
    }
}
