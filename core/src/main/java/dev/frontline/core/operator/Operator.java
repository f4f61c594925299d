package dev.frontline.core.operator;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An operator or supervisor account (never carries the password hash).
 *
 * @param tiers    the support lines the person works (line1/line2/line3)
 * @param intents  the queues the person takes (technical/sales/general)
 * @param endpoint the phone to ring: {@code PJSIP/op100}, {@code sip:...}, {@code client:anna}, {@code +370...}
 * @param mobile   for on-duty alerts (E.164)
 */
public record Operator(OperatorId id, String name, Role role, Set<Tier> tiers, Set<Intent> intents,
                       Set<Language> languages, String endpoint, Optional<String> mobile, boolean active) {
    public Operator {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(role, "role");
        tiers = Set.copyOf(tiers);
        intents = Set.copyOf(intents);
        languages = Set.copyOf(languages);
        Objects.requireNonNull(mobile, "mobile");
    }

    public enum Role { OPERATOR, SUPERVISOR }
}
