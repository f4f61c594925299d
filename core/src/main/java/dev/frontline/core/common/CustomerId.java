package dev.frontline.core.common;

public record CustomerId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
