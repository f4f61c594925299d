package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request to be called back: from the IVR (after hours, or instead of waiting), the web form or an operator.
 *
 * @param fromCall          the call it came from, if any
 * @param number            E.164 number to call back
 * @param originalArrivedAt the caller's place in line (for "keeps its place"); the request time otherwise
 * @param windowStart       earliest time to call (empty = as soon as its turn comes)
 * @param windowEnd         latest time to call (empty = open)
 * @param reason            short human text: "after hours", "web form: no internet", "operator: promised"
 */
public record CallbackRequest(Optional<CallId> fromCall, Optional<CustomerId> customer, String number, Intent intent,
                              int priority, Tier tier, Language language, Instant originalArrivedAt,
                              Optional<Instant> windowStart, Optional<Instant> windowEnd, String reason) {
    public CallbackRequest {
        Objects.requireNonNull(fromCall, "fromCall");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(originalArrivedAt, "originalArrivedAt");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
    }
}
