package dev.frontline.server.asterisk;

import dev.frontline.core.common.CallId;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The channels currently in our FastAGI script, by call id (the Asterisk uniqueid). Thread-safe. */
final class LiveCalls {
    private final ConcurrentHashMap<CallId, CallLine> lines = new ConcurrentHashMap<>();
    private volatile dev.frontline.server.recording.CallRecorder recorder;
    /** The supervisors' ChanSpy channels up now. */
    private final SpyLegs spies = new SpyLegs();

    SpyLegs spies() {
        return spies;
    }

    /** Records the conversations the recording settings ask for, on the calls opened from now on. */
    void recorder(dev.frontline.server.recording.CallRecorder r) {
        this.recorder = r;
        lines.values().forEach(l -> l.recorder(r));
    }

    CallLine open(CallId callId, String channel) {
        return open(callId, channel, AsteriskConfig.SINGLE_PBX);
    }

    /** A call from PBX {@code pbx} entered our script. */
    CallLine open(CallId callId, String channel, String pbx) {
        CallLine line = new CallLine(callId, channel, pbx);
        line.recorder(recorder);
        lines.put(callId, line);
        return line;
    }

    void close(CallLine line) {
        lines.remove(line.callId(), line);
        aliases.values().remove(line);
    }

    /** Lines known by another id too: a callback's line (the attempt id) by its channel's uniqueid (AMI's events). */
    private final ConcurrentHashMap<CallId, CallLine> aliases = new ConcurrentHashMap<>();

    void alias(CallId uniqueId, CallLine line) {
        aliases.put(uniqueId, line);
    }

    Optional<CallLine> find(CallId callId) {
        CallLine l = lines.get(callId);
        return Optional.ofNullable(l != null ? l : aliases.get(callId));
    }

    /** The call {@code callId} when PBX {@code pbx} holds it (an event of another PBX's AMI says nothing of it). */
    Optional<CallLine> find(String pbx, CallId callId) {
        return find(callId).filter(l -> l.pbx().equals(pbx));
    }

    /**
     * The call whose operator leg is {@code channel}, by the PBX and the leg's name (AMI DialBegin until its Hangup;
     * two PBXs may both have a {@code PJSIP/op100-00000007}).
     */
    private final ConcurrentHashMap<String, CallLine> byLeg = new ConcurrentHashMap<>();

    /** AMI saw {@code line}'s Dial create the operator leg {@code channel} (on the line's PBX). */
    void legDialled(String channel, CallLine line) {
        byLeg.put(line.pbx() + "\n" + channel, line);
        line.legChannel(channel);
    }

    /** The leg {@code channel} of PBX {@code pbx} hung up: the call it belonged to, if any (one lookup, no scan). */
    Optional<CallLine> legHungUp(String pbx, String channel) {
        return channel == null ? Optional.empty() : Optional.ofNullable(byLeg.remove(pbx + "\n" + channel));
    }

    /** Consulted colleagues' legs (warm transfer), by the uniqueid Frontline gave them at Originate. */
    private final ConcurrentHashMap<String, CallLine> consultLegs = new ConcurrentHashMap<>();

    void consultLeg(String uniqueId, CallLine line) {
        consultLegs.put(uniqueId, line);
    }

    /** The consulted leg with uniqueid {@code uniqueId} hung up: its call, if any. */
    Optional<CallLine> consultLegHungUp(String uniqueId) {
        return uniqueId == null ? Optional.empty() : Optional.ofNullable(consultLegs.remove(uniqueId));
    }

    /** An answered callback's two channels on PBX {@code pbx} (its operator's leg ran the Originate's Dial). */
    record CallbackLegs(String pbx, String customer, String operator) { }

    /** Answered callbacks by attempt id (the ACD's call id), from the dialplan's ANSWER until ENDED or a failure. */
    private final ConcurrentHashMap<String, CallbackLegs> callbacks = new ConcurrentHashMap<>();

    void callbackAnswered(String attemptId, CallbackLegs legs) {
        callbacks.put(attemptId, legs);
    }

    /** Callbacks whose customer leg left the Originate's Dial (held at least once): its own h reports the end. */
    private final java.util.Set<String> movedCallbacks = ConcurrentHashMap.newKeySet();

    void callbackGone(String attemptId) {
        callbacks.remove(attemptId);
        movedCallbacks.remove(attemptId);
    }

    void callbackMoving(String attemptId) {
        movedCallbacks.add(attemptId);
    }

    /** The moved callback whose operator leg is {@code channel} on PBX {@code pbx}, if any (a short scan). */
    Optional<CallbackLegs> movedCallbackOfOperatorLeg(String pbx, String channel) {
        if (channel == null || movedCallbacks.isEmpty()) {
            return Optional.empty();
        }
        return callbacks.entrySet().stream().filter(e -> movedCallbacks.contains(e.getKey()))
                .map(java.util.Map.Entry::getValue)
                .filter(l -> l.pbx().equals(pbx) && l.operator().equals(channel)).findFirst();
    }

    boolean callbackMoved(String attemptId) {
        return movedCallbacks.contains(attemptId);
    }

    Optional<CallbackLegs> callback(CallId callId) {
        return Optional.ofNullable(callbacks.get(callId.value()));
    }

    int size() {
        return lines.size();
    }
}
