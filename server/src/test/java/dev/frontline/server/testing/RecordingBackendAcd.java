package dev.frontline.server.testing;

import dev.frontline.core.testing.UnsupportedAcd;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.QueueStatus;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records the commands a backend sends to the ACD, as "operatorAnswered <call>" strings. */
public final class RecordingBackendAcd extends UnsupportedAcd {
    public final List<String> commands = new CopyOnWriteArrayList<>();
    /** The picture {@link #snapshot} returns; null: unsupported, as an ACD without one. */
    public volatile dev.frontline.core.acd.AcdSnapshot picture;

    @Override
    public dev.frontline.core.acd.AcdSnapshot snapshot() {
        dev.frontline.core.acd.AcdSnapshot p = picture;
        return p == null ? super.snapshot() : p;
    }

    @Override
    public void enqueue(QueuedCall call) {
        commands.add("enqueue " + call.callId());
    }

    @Override
    public Optional<QueueStatus> status(CallId callId) {
        return Optional.empty();
    }

    @Override
    public void callerHungUp(CallId callId) {
        commands.add("callerHungUp " + callId);
    }

    @Override
    public void keepPlaceByCallback(CallId callId, String number) {
        commands.add("keepPlaceByCallback " + callId);
    }

    @Override
    public void requestCallback(CallbackRequest request) {
        commands.add("requestCallback");
    }

    @Override
    public void operatorAnswered(CallId callId) {
        commands.add("operatorAnswered " + callId);
    }

    @Override
    public void ringNoAnswer(CallId callId) {
        commands.add("ringNoAnswer " + callId);
    }

    /** Recorded as the unattributed command, plus the operator it is attributed to in {@link #attributed}. */
    @Override
    public void operatorAnswered(CallId callId, OperatorId operator) {
        attributed.add("operatorAnswered " + callId + " by " + operator);
        operatorAnswered(callId);
    }

    @Override
    public void ringNoAnswer(CallId callId, OperatorId operator, String why) {
        attributed.add("ringNoAnswer " + callId + " by " + operator + " (" + why + ")");
        ringNoAnswer(callId);
    }

    /** The ring timer's start is not a routing command: kept apart, in {@link #attributed}. */
    @Override
    public void phoneRinging(CallId callId, OperatorId operator) {
        attributed.add("phoneRinging " + callId + " at " + operator);
    }

    @Override
    public void lineLost(CallId callId, String reason) {
        commands.add("lineLost " + callId);
    }

    /** The outcomes with the operator they belong to, and when the phone began to ring. */
    public final List<String> attributed = new CopyOnWriteArrayList<>();

    @Override
    public void connectFailed(CallId callId, String reason) {
        commands.add("connectFailed " + callId);
    }

    @Override
    public void consultAnswered(CallId callId, OperatorId to) {
        commands.add("consultAnswered " + callId + " by " + to);
    }

    @Override
    public void consultFailed(CallId callId, OperatorId to, String why) {
        commands.add("consultFailed " + callId + " at " + to + " (" + why + ")");
    }

    @Override
    public void consultantLeft(CallId callId, OperatorId from) {
        commands.add("consultantLeft " + callId + " by " + from);
    }

    @Override
    public void callEnded(CallId callId) {
        commands.add("callEnded " + callId);
    }

    @Override
    public void setOperatorState(OperatorId operator, OperatorState state, String reason) {
        commands.add("setOperatorState " + operator + " " + state);
    }

    @Override
    public void endWrapUp(OperatorId operator) {
        commands.add("endWrapUp " + operator);
    }

    @Override
    public void callbackAnswered(String attemptId) {
        commands.add("callbackAnswered " + attemptId);
    }

    @Override
    public void callbackFailed(String attemptId, dev.frontline.core.acd.CallbackOutcome outcome, String detail) {
        commands.add("callbackFailed " + attemptId + " " + outcome);
    }

    @Override
    public AutoCloseable subscribe(Consumer<AcdEvent> listener) {
        return () -> { };
    }

    /** Waits until {@code command} was recorded. */
    public void await(String command, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!commands.contains(command)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("ACD never got '" + command + "'; got " + commands);
            }
            Thread.sleep(5);
        }
    }
}
