package dev.frontline.server.asterisk;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;

import java.time.Duration;

/**
 * What the AMI connection learns that is not a live-call outcome: phone registration, callback results, talk time.
 * The composition root forwards it to the ACD and the callback service. Called from AMI threads; must not block.
 */
public interface PbxEvents {

    /** The operator's phone registered or went away (device state); unregistered operators are not offered calls. */
    void phoneRegistered(OperatorId operator, boolean registered);

    /** Callback: the operator's phone answered; the PBX now dials the customer. */
    void callbackOperatorAnswered(String attemptId);

    /** Callback: the customer answered and is bridged to the operator. */
    void callbackAnswered(String attemptId);

    void callbackFailed(String attemptId, CallbackFailure failure, String detail);

    /** A bridged caller's conversation with {@code operator} lasted {@code talk} (BridgeEnter to Hangup). */
    void talkTime(CallId callId, OperatorId operator, Duration talk);

    enum CallbackFailure { OPERATOR_NO_ANSWER, CUSTOMER_NO_ANSWER, CUSTOMER_BUSY, FAILED, TIMEOUT }

    /** Ignores everything (AMI disabled, or tests that do not look). */
    PbxEvents NONE = new PbxEvents() {
        @Override
        public void phoneRegistered(OperatorId operator, boolean registered) {
        }

        @Override
        public void callbackOperatorAnswered(String attemptId) {
        }

        @Override
        public void callbackAnswered(String attemptId) {
        }

        @Override
        public void callbackFailed(String attemptId, CallbackFailure failure, String detail) {
        }

        @Override
        public void talkTime(CallId callId, OperatorId operator, Duration talk) {
        }
    };
}
