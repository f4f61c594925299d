package dev.frontline.core.operator;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

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

    /** The queues taken, by priority, then the lines: {@code technical, sales, line1} (wallboard, command line). */
    public List<String> skillNames() {
        return skillNames(intents, tiers);
    }

    /** As {@link #skillNames()} for queues and lines not (yet) on an account. */
    public static List<String> skillNames(Set<Intent> intents, Set<Tier> tiers) {
        return Stream.concat(intents.stream().sorted(), tiers.stream().sorted())
                .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
    }

    public enum Role { OPERATOR, SUPERVISOR }
}
