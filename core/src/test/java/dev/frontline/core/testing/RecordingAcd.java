package dev.frontline.core.testing;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.QueueStatus;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An {@link Acd} that only remembers the IVR's commands: waiting calls get position = order of arrival and
 * {@code waitPerCaller} per position; {@link #connect} takes a call out of the waiting list as an operator would.
 * Thread-safe. Not a router.
 */
public final class RecordingAcd extends UnsupportedAcd {
    private final Map<CallId, QueuedCall> waiting = new LinkedHashMap<>();
    private final List<QueuedCall> enqueued = new ArrayList<>();
    private final List<CallId> hungUp = new ArrayList<>();
    private final List<String> keptPlaces = new ArrayList<>();
    private final List<CallbackRequest> callbacks = new ArrayList<>();
    private Duration waitPerCaller = Duration.ofMinutes(2);
    private Optional<Duration> estimate = Optional.empty();

    @Override
    public synchronized void enqueue(QueuedCall call) {
        refuseIfTold();
        enqueued.add(call);
        waiting.put(call.callId(), call);
    }

    @Override
    public synchronized Optional<QueueStatus> status(CallId callId) {
        int pos = 1;
        for (CallId id : waiting.keySet()) {
            if (id.equals(callId)) return Optional.of(new QueueStatus(pos, waitPerCaller.multipliedBy(pos)));
            pos++;
        }
        return Optional.empty();
    }

    @Override
    public synchronized Optional<Duration> estimateWait(Intent intent, int priority, Tier tier) {
        return estimate;
    }

    @Override
    public synchronized void callerHungUp(CallId callId) {
        hungUp.add(callId);
        waiting.remove(callId);
    }

    @Override
    public synchronized void keepPlaceByCallback(CallId callId, String number) {
        refuseIfTold();
        keptPlaces.add(callId + " " + number);
        waiting.remove(callId);
    }

    @Override
    public synchronized void requestCallback(CallbackRequest request) {
        refuseIfTold();
        callbacks.add(request);
    }

    private String refusing;

    /** From now on enqueue, keep-place and callback requests are not confirmed (as when the store cannot write). */
    public synchronized void refuse(String why) {
        refusing = why;
    }

    private void refuseIfTold() {
        if (refusing != null) {
            throw new dev.frontline.core.acd.NotConfirmed(refusing);
        }
    }

    /** An operator took the call: it is no longer waiting. */
    public synchronized void connect(CallId callId) {
        waiting.remove(callId);
    }

    /** The wait the status reports per position ahead (2 minutes unless set). */
    public synchronized void waitPerCaller(Duration d) {
        waitPerCaller = d;
    }

    public synchronized void estimate(Duration d) {
        estimate = Optional.of(d);
    }

    public synchronized List<QueuedCall> enqueued() { return List.copyOf(enqueued); }

    public synchronized List<CallId> hungUp() { return List.copyOf(hungUp); }

    public synchronized List<String> keptPlaces() { return List.copyOf(keptPlaces); }

    public synchronized List<CallbackRequest> callbacks() { return List.copyOf(callbacks); }

    @Override public void operatorAnswered(CallId callId) { connect(callId); }
    @Override public void ringNoAnswer(CallId callId) {}
    @Override public void callEnded(CallId callId) {}
    @Override public void setOperatorState(OperatorId operator, OperatorState state, String reason) {}
    @Override public void endWrapUp(OperatorId operator) {}
    @Override public AutoCloseable subscribe(Consumer<AcdEvent> listener) { return () -> {}; }
}
