package dev.frontline.core.acd;

import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A caller asking for an operator, as the IVR hands it to the ACD.
 *
 * @param priority  1 (most urgent) to 3
 * @param customer  empty for an unidentified caller
 * @param arrivedAt when the caller joined the queue; kept across ring-no-answer and callbacks (the caller's place)
 */
public record QueuedCall(CallId callId, Intent intent, int priority, Tier tier, Language language,
                         Optional<CustomerId> customer, String callingNumber, Backend backend, Instant arrivedAt) {
    public QueuedCall {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(arrivedAt, "arrivedAt");
        if (priority < 1 || priority > 3) {
            throw new IllegalArgumentException("priority must be 1..3: " + priority);
        }
    }
}
