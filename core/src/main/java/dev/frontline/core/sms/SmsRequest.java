package dev.frontline.core.sms;

import dev.frontline.core.common.CustomerId;

import java.util.Objects;
import java.util.Optional;

/**
 * @param to       E.164 number. For customer messages it must be the mobile on file (the caller of the port checks).
 * @param secret   the body holds a secret (login, reset link): it is never stored in clear text
 * @param purpose  short tag for reports and limits: {@code contract-number}, {@code login-reset}, {@code on-duty-alert}
 */
public record SmsRequest(String to, String body, boolean secret, Optional<CustomerId> customer, String purpose) {
    public SmsRequest {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(purpose, "purpose");
    }
}
