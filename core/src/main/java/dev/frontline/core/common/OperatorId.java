package dev.frontline.core.common;

import java.util.Objects;

public record OperatorId(String value) {
    public OperatorId {
        Objects.requireNonNull(value, "OperatorId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("OperatorId must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
