package dev.frontline.core.testing;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.AcdSnapshot;
import dev.frontline.core.acd.CallbackOutcome;
import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.QueueStatus;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A base for test doubles of the {@link Acd}: every command fails loudly until the double overrides it, so a
 * test that reaches a command its double does not model fails instead of passing on a silent no-op.
 */
public abstract class UnsupportedAcd implements Acd {

    private UnsupportedOperationException unsupported(String command) {
        return new UnsupportedOperationException(command + " is not modelled by " + getClass().getSimpleName());
    }

    @Override public void enqueue(QueuedCall call) { throw unsupported("enqueue"); }
    @Override public Optional<QueueStatus> status(CallId callId) { throw unsupported("status"); }
    @Override public Optional<Duration> estimateWait(Intent intent, int priority, Tier tier) { return Optional.empty(); }
    @Override public void callerHungUp(CallId callId) { throw unsupported("callerHungUp"); }
    @Override public void keepPlaceByCallback(CallId callId, String number) { throw unsupported("keepPlaceByCallback"); }
    @Override public void requestCallback(CallbackRequest request) { throw unsupported("requestCallback"); }
    @Override public void operatorAnswered(CallId callId) { throw unsupported("operatorAnswered"); }
    @Override public void ringNoAnswer(CallId callId) { throw unsupported("ringNoAnswer"); }
    @Override public void operatorAnswered(CallId callId, OperatorId operator) { throw unsupported("operatorAnswered"); }
    @Override public void ringNoAnswer(CallId callId, OperatorId operator, String why) { throw unsupported("ringNoAnswer"); }
    @Override public void phoneRinging(CallId callId, OperatorId operator) { throw unsupported("phoneRinging"); }
    @Override public void lineLost(CallId callId, String reason) { throw unsupported("lineLost"); }
    @Override public void connectFailed(CallId callId, String reason) { throw unsupported("connectFailed"); }
    @Override public void callEnded(CallId callId) { throw unsupported("callEnded"); }
    @Override public void setOperatorState(OperatorId operator, OperatorState state, String reason) { throw unsupported("setOperatorState"); }
    @Override public void endWrapUp(OperatorId operator) { throw unsupported("endWrapUp"); }
    @Override public void callBackNow(CallbackId callback, OperatorId operator) { throw unsupported("callBackNow"); }
    @Override public void changePriority(CallId callId, int priority) { throw unsupported("changePriority"); }
    @Override public void transfer(CallId callId, Intent intent, Tier tier) { throw unsupported("transfer"); }
    @Override public void operatorProfileChanged(OperatorId operator) { throw unsupported("operatorProfileChanged"); }
    @Override public void setPhoneRegistered(OperatorId operator, boolean registered) { throw unsupported("setPhoneRegistered"); }
    @Override public void callbackAnswered(String attemptId) { throw unsupported("callbackAnswered"); }
    @Override public void callbackFailed(String attemptId, CallbackOutcome outcome, String detail) { throw unsupported("callbackFailed"); }
    @Override public AcdSnapshot snapshot() { throw unsupported("snapshot"); }
    @Override public AutoCloseable subscribe(Consumer<AcdEvent> listener) { throw unsupported("subscribe"); }
    @Override public void linesLost(Set<Backend> backends, String reason) { throw unsupported("linesLost"); }
}
