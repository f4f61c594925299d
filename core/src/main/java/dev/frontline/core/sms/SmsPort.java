package dev.frontline.core.sms;

/**
 * Sends one text. Implementations log every attempt (bodies marked secret are stored redacted), apply the
 * per-customer and per-number rate limits, and never throw for a refused or failed send: the result says why.
 */
public interface SmsPort {
    SmsResult send(SmsRequest request);
}
