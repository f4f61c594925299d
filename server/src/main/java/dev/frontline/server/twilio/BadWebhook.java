package dev.frontline.server.twilio;

/** A webhook with missing or malformed parameters, or for a call we do not know: answered 400 with the message. */
final class BadWebhook extends RuntimeException {
    BadWebhook(String message) {
        super(message, null, false, false);
    }
}
