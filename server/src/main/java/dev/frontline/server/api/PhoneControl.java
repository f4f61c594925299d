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
