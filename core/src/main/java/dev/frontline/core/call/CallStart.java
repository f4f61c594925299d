package dev.frontline.core.call;

import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;

import java.util.Objects;

/**
 * A call arriving on a backend.
 *
 * @param callingNumber the caller id as the network gave it (any format; may be empty when withheld)
 * @param calledNumber  the number dialled (the desk's DID)
 * @param flow          the flow name to run, e.g. {@code support}
 */
public record CallStart(CallId callId, String callingNumber, String calledNumber, Backend backend, String flow) {
    public CallStart {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(backend, "backend");
        callingNumber = callingNumber == null ? "" : callingNumber;
        calledNumber = calledNumber == null ? "" : calledNumber;
        flow = flow == null || flow.isBlank() ? "support" : flow;
    }
}
