package dev.frontline.server.asterisk;

import dev.frontline.core.common.OperatorId;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Operators' phones as the PBX sees them: maps a device ({@code PJSIP/op100}) to its operator and reports a change of
 * registration once. Thread-safe.
 */
final class OperatorPhones {
    private static final Set<String> GONE = Set.of("UNAVAILABLE", "INVALID");
    private static final Set<String> PRESENT = Set.of("NOT_INUSE", "INUSE", "BUSY", "RINGING", "RINGINUSE", "ONHOLD");

    private final OperatorRepository operators;
    private final PbxEvents events;
    private final Map<OperatorId, Boolean> registered = new ConcurrentHashMap<>();
    private volatile Map<String, OperatorId> byDevice = Map.of();

    /** Whether an operator's endpoint is a phone on this PBX (ADR 0141: each PBX reports its own phones). */
    private final java.util.function.Predicate<String> onThisPbx;

    OperatorPhones(OperatorRepository operators, PbxEvents events) {
        this(operators, events, endpoint -> true);
    }

    OperatorPhones(OperatorRepository operators, PbxEvents events, java.util.function.Predicate<String> onThisPbx) {
        this.operators = operators;
        this.events = events;
        this.onThisPbx = onThisPbx;
    }

    /** Re-reads the operators' endpoints (at each AMI (re)connect: operators may have changed). */
    void refresh() {
        Map<String, OperatorId> m = new HashMap<>();
        for (Operator op : operators.all()) {
            if (op.active() && op.endpoint() != null && !op.endpoint().isBlank() && onThisPbx.test(op.endpoint())) {
                m.put(op.endpoint().trim().toUpperCase(Locale.ROOT), op.id());
            }
        }
        byDevice = Map.copyOf(m);
    }

    /** A device state from DeviceStateChange / DeviceStateList; UNKNOWN says nothing and is ignored. */
    void deviceState(String device, String state) {
        if (device == null || state == null) {
            return;
        }
        String s = state.trim().toUpperCase(Locale.ROOT);
        Boolean now = GONE.contains(s) ? Boolean.FALSE : PRESENT.contains(s) ? Boolean.TRUE : null;
        if (now == null) {
            return;
        }
        Optional.ofNullable(byDevice.get(device.trim().toUpperCase(Locale.ROOT))).ifPresent(op -> {
            Boolean before = registered.put(op, now);
            if (!now.equals(before)) {
                events.phoneRegistered(op, now);
            }
        });
    }

    /** Whether {@code operator}'s phone is on this PBX (as of the last {@link #refresh}). */
    boolean onThisPbx(dev.frontline.core.common.OperatorId operator) {
        return byDevice.containsValue(operator);
    }

    /** Last known registration; empty when the PBX has not said. */
    Optional<Boolean> registered(OperatorId operator) {
        return Optional.ofNullable(registered.get(operator));
    }
}
