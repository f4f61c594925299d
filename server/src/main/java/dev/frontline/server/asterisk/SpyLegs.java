package dev.frontline.server.asterisk;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.SpyMode;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The supervisors' ChanSpy channels now up, by the supervisor's phone (one listening-in per phone): which call and
 * operator each listens to, the uniqueid Frontline gave the channel (AMI Hangup and PlayDTMF name it) and its mode.
 * Written by the connector (spy, stop) and AMI (the channel hung up). Thread-safe.
 */
final class SpyLegs {

    /** A supervisor's ChanSpy channel {@code leg} (its uniqueid) on PBX {@code pbx}. */
    record Leg(CallId callId, OperatorId operator, String endpoint, String pbx, String leg, SpyMode mode) {
        Leg in(SpyMode m) {
            return new Leg(callId, operator, endpoint, pbx, leg, m);
        }
    }

    private final ConcurrentHashMap<String, Leg> byEndpoint = new ConcurrentHashMap<>();
    /** Told when a supervisor's phone left a listening-in by itself: the call and the supervisor's endpoint. */
    private volatile BiConsumer<CallId, String> left = (call, endpoint) -> { };

    /** Where "the supervisor hung up" goes (the desk ends the listening-in it shows). */
    void onLeft(BiConsumer<CallId, String> to) {
        this.left = to;
    }

    void put(Leg leg) {
        byEndpoint.put(leg.endpoint(), leg);
    }

    Optional<Leg> of(String endpoint) {
        return Optional.ofNullable(byEndpoint.get(endpoint));
    }

    /** Frontline ends the listening-in on {@code endpoint} itself: the leg, if one was up. */
    Optional<Leg> remove(String endpoint) {
        return Optional.ofNullable(byEndpoint.remove(endpoint));
    }

    /**
     * The channel with uniqueid {@code uniqueId} of PBX {@code pbx} hung up: when it was a spy leg still listed (not
     * ended by Frontline), the supervisor hung up and the desk is told.
     */
    void hungUp(String pbx, String uniqueId) {
        if (uniqueId == null) {
            return;
        }
        for (Leg l : byEndpoint.values()) {
            if (l.leg().equals(uniqueId) && l.pbx().equals(pbx) && byEndpoint.remove(l.endpoint(), l)) {
                left.accept(l.callId(), l.endpoint());
            }
        }
    }
}
