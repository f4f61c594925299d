package dev.frontline.server.api;

import dev.frontline.core.operator.Operator;

import java.time.Instant;
import java.util.Locale;

/** A logged-in desktop: the bearer token, who it is and until when it is valid. */
public record DeskSession(String token, Operator operator, Instant expiresAt) {

    public String login() {
        return operator.id().value();
    }

    public boolean supervisor() {
        return operator.role() == Operator.Role.SUPERVISOR;
    }

    public String role() {
        return operator.role().name().toLowerCase(Locale.ROOT);
    }
}
