package dev.frontline.core.common;

import java.util.Objects;

public record CallId(String value) {
    public CallId {
        Objects.requireNonNull(value, "CallId");
        if (value.isBlank()) {
            throw new IllegalArgumentException("CallId must not be blank");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
