package dev.frontline.server.sms;

/** A provider that hands one text to the phone network. Implementations are thread-safe and do not retry. */
public interface SmsSender {

    /** The number texts come from, as stored in the log (may be empty). */
    String fromNumber();

    /** True when nothing reaches a phone (demo / simulated line): the log marks such texts {@code simulated}. */
    boolean simulated();

    SendOutcome send(String to, String body);

    /** What the provider said about one attempt. */
    sealed interface SendOutcome {
        /** Accepted; {@code providerStatus} is e.g. Twilio's {@code queued}. */
        record Accepted(String providerSid, String providerStatus) implements SendOutcome {}

        /** Refused for good (e.g. Twilio 400 / 21211 invalid number): retrying cannot help. */
        record Rejected(String reason) implements SendOutcome {}

        /** Failed for now (429, 5xx, network): worth another attempt after a pause. */
        record Retryable(String reason) implements SendOutcome {}
    }
}
