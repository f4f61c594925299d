package dev.frontline.core.common;

public record CallbackId(long value) {
    @Override
    public String toString() {
        return Long.toString(value);
    }
}
