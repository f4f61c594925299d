package dev.frontline.server.asterisk;

import dev.frontline.core.acd.CallbackOutcome;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what AMI reported, as "phoneRegistered anna true" strings. */
final class RecordingPbxEvents implements PbxEvents {
    final List<String> seen = new CopyOnWriteArrayList<>();

    @Override
    public void phoneRegistered(OperatorId operator, boolean registered) {
        seen.add("phoneRegistered " + operator + " " + registered);
    }

    @Override
    public void callbackOperatorAnswered(String attemptId) {
        seen.add("callbackOperatorAnswered " + attemptId);
    }

    @Override
    public void callbackAnswered(String attemptId) {
        seen.add("callbackAnswered " + attemptId);
    }

    @Override
    public void callbackEnded(String attemptId) {
        seen.add("callbackEnded " + attemptId);
    }

    @Override
    public void callbackFailed(String attemptId, CallbackOutcome failure, String detail) {
        seen.add("callbackFailed " + attemptId + " " + failure);
    }

    @Override
    public void talkTime(CallId callId, OperatorId operator, Duration talk) {
        seen.add("talkTime " + callId + " " + operator + " " + talk.toSeconds() + "s");
    }

    void await(String what, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!seen.contains(what)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("never saw '" + what + "'; saw " + seen);
            }
            Thread.sleep(5);
        }
    }
}
