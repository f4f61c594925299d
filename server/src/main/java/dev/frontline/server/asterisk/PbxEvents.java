package dev.frontline.server.asterisk;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.CallbackOutcome;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * What the AMI connection learns that is not the outcome of a call in our script: phone registration, callback
 * results, talk time. {@link #toAcd} forwards it to the ACD. Called from AMI threads; must not block.
 */
public interface PbxEvents {

    /** The operator's phone registered or went away (device state); unregistered operators are not offered calls. */
    void phoneRegistered(OperatorId operator, boolean registered);

    /** Callback: the operator's phone answered; the PBX now dials the customer. */
    void callbackOperatorAnswered(String attemptId);

    /** Callback: the customer answered and is bridged to the operator. */
    void callbackAnswered(String attemptId);

    /** Callback: the conversation that {@link #callbackAnswered} began has ended. */
    void callbackEnded(String attemptId);

    void callbackFailed(String attemptId, CallbackOutcome outcome, String detail);

    /** A bridged caller's conversation with {@code operator} lasted {@code talk} (BridgeEnter to Hangup). */
    void talkTime(CallId callId, OperatorId operator, Duration talk);

    /** Forwards to the ACD: registration, callback answered / ended ({@code callEnded(attemptId)}) / failed. */
    static PbxEvents toAcd(Acd acd) {
        Logger log = LoggerFactory.getLogger(PbxEvents.class);
        return new PbxEvents() {
            @Override
            public void phoneRegistered(OperatorId operator, boolean registered) {
                acd.setPhoneRegistered(operator, registered);
            }

            @Override
            public void callbackOperatorAnswered(String attemptId) {
                log.debug("callback {}: operator answered, dialling the customer", attemptId);
            }

            @Override
            public void callbackAnswered(String attemptId) {
                acd.callbackAnswered(attemptId);
            }

            @Override
            public void callbackEnded(String attemptId) {
                acd.callEnded(new CallId(attemptId));
            }

            @Override
            public void callbackFailed(String attemptId, CallbackOutcome outcome, String detail) {
                acd.callbackFailed(attemptId, outcome, detail);
            }

            @Override
            public void talkTime(CallId callId, OperatorId operator, Duration talk) {
                log.info("call {}: {} talked {} s", callId, operator, talk.toSeconds());
            }
        };
    }

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
        public void callbackEnded(String attemptId) {
        }

        @Override
        public void callbackFailed(String attemptId, CallbackOutcome outcome, String detail) {
        }

        @Override
        public void talkTime(CallId callId, OperatorId operator, Duration talk) {
        }
    };
}
