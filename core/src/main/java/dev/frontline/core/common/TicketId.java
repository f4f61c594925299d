package dev.frontline.core.common;

import java.util.Objects;

public record TicketId(String value) {
    public TicketId {
        Objects.requireNonNull(value, "TicketId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("TicketId must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
