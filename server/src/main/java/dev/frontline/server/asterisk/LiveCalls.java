package dev.frontline.server.asterisk;

import dev.frontline.core.common.CallId;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The channels currently in our FastAGI script, by call id (the Asterisk uniqueid). Thread-safe. */
final class LiveCalls {
    private final ConcurrentHashMap<CallId, CallLine> lines = new ConcurrentHashMap<>();
    private volatile dev.frontline.server.recording.CallRecorder recorder;

    /** Records the conversations the recording settings ask for, on the calls opened from now on. */
    void recorder(dev.frontline.server.recording.CallRecorder r) {
        this.recorder = r;
        lines.values().forEach(l -> l.recorder(r));
    }

    CallLine open(CallId callId, String channel) {
        CallLine line = new CallLine(callId, channel);
        line.recorder(recorder);
        lines.put(callId, line);
        return line;
    }

    void close(CallLine line) {
        lines.remove(line.callId(), line);
    }

    Optional<CallLine> find(CallId callId) {
        return Optional.ofNullable(lines.get(callId));
    }

    /** The call whose operator leg is {@code channel}, by the leg's name (AMI DialBegin until its Hangup). */
    private final ConcurrentHashMap<String, CallLine> byLeg = new ConcurrentHashMap<>();

    /** AMI saw {@code line}'s Dial create the operator leg {@code channel}. */
    void legDialled(String channel, CallLine line) {
        byLeg.put(channel, line);
        line.legChannel(channel);
    }

    /** The leg {@code channel} hung up: the call it belonged to, if any (one lookup, not a scan of every call). */
    Optional<CallLine> legHungUp(String channel) {
        return channel == null ? Optional.empty() : Optional.ofNullable(byLeg.remove(channel));
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

    int size() {
        return lines.size();
    }
}
