package dev.frontline.core.sms;

/** Outcome of {@link SmsPort#send}. {@code id} is the log row (and the provider's id once known). */
public record SmsResult(Status status, String id, String detail) {
    public enum Status { SENT, QUEUED, RATE_LIMITED, FAILED }

    public boolean accepted() {
        return status == Status.SENT || status == Status.QUEUED;
    }
}
