package dev.frontline.core.ticket;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.TicketId;
import dev.frontline.core.common.Tier;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A contact's ticket. {@code dueAt} is the SLA clock of its current tier (restarted on escalation).
 *
 * @param state {@link #OPEN} or {@link #CLOSED}
 */
public record Ticket(TicketId id, Optional<CustomerId> customer, Optional<CallId> call, String subject,
                     Optional<Intent> intent, Tier tier, String state, int priority, Instant openedAt, Instant dueAt,
                     Optional<Instant> closedAt, Optional<String> operator) {
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(intent, "intent");
        Objects.requireNonNull(tier, "tier");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(operator, "operator");
    }

    public boolean isOpen() {
        return OPEN.equals(state);
    }

    /** Formats ticket number {@code n} as the human-readable id: 123 is {@code FL-000123}. */
    public static TicketId idOf(long n) {
        return new TicketId(String.format("FL-%06d", n));
    }
}
