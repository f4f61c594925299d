package dev.frontline.server.api;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;

/** The operator "phone" of a backend that desktops control (the simulated line). */
public interface PhoneControl {

    /** True when this backend carries {@code call}. */
    boolean carries(CallId call);

    /** The operator answers the ringing call. @throws IllegalStateException when it is not ringing for them */
    void answer(CallId call, OperatorId operator);

    /** The operator hangs up. @throws IllegalStateException when the call is not connected to them */
    void hangUp(CallId call, OperatorId operator);

    /**
     * A supervisor joins {@code operator}'s conversation on {@code call} from the phone {@code supervisorEndpoint}.
     *
     * @throws UnsupportedOperationException when the line carrying the call cannot
     * @throws IllegalStateException when the operator is not talking on it
     */
    default void supervise(CallId call, OperatorId operator, String supervisorEndpoint,
                           dev.frontline.core.common.SpyMode mode) {
        throw new UnsupportedOperationException("listening in is not available on this line");
    }

    /**
     * The supervisor's phone {@code supervisorEndpoint} leaves {@code operator}'s conversation on {@code call}.
     * Default: nothing (a supervisor on a PBX or Twilio phone hangs it up).
     */
    default void stopSupervise(CallId call, OperatorId operator, String supervisorEndpoint) {
    }

    /**
     * The talking {@code operator} mutes ({@code on}) or unmutes their microphone on {@code call}.
     *
     * @throws UnsupportedOperationException when the line carrying the call cannot
     * @throws IllegalStateException when the operator is not talking on it
     */
    default void mute(CallId call, OperatorId operator, boolean on) {
        throw new UnsupportedOperationException("mute is not available on this line");
    }

    /** No desktop phone: every call says so. */
    PhoneControl NONE = new PhoneControl() {
        @Override
        public boolean carries(CallId call) {
            return false;
        }

        @Override
        public void answer(CallId call, OperatorId operator) {
            throw new IllegalStateException("no desktop-controlled phone for this call");
        }

        @Override
        public void hangUp(CallId call, OperatorId operator) {
            throw new IllegalStateException("no desktop-controlled phone for this call");
        }
    };
}
