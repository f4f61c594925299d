/** The SMS port for every backend: rate limits, a redacted log in {@code sms_messages}, Twilio or log-only senders. */
package dev.frontline.server.sms;
