package dev.frontline.core.call;

import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.customer.CallerNumbers;

import java.util.Objects;

/**
 * A call arriving on a backend.
 *
 * @param callingNumber the caller id as the network gave it (any format); {@code ""} when withheld, whatever the
 *                      network wrote for that ({@code anonymous}, {@code Restricted}, {@code +266696687},
 *                      Asterisk's {@code unknown}: {@link CallerNumbers#isWithheld}), so no backend offers a
 *                      callback to, texts or looks up such a caller
 * @param calledNumber  the number dialled (the desk's DID)
 * @param flow          the flow name to run, e.g. {@code support}
 */
public record CallStart(CallId callId, String callingNumber, String calledNumber, Backend backend, String flow) {
    public CallStart {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(backend, "backend");
        callingNumber = CallerNumbers.orEmpty(callingNumber);
        calledNumber = calledNumber == null ? "" : calledNumber;
        flow = flow == null || flow.isBlank() ? "support" : flow;
    }
}
