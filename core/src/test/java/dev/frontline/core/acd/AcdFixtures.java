package dev.frontline.core.acd;

import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.operator.Operator;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Operators and calls for ACD tests: a directory to fill and short builders. */
public final class AcdFixtures {
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private AcdFixtures() {}

    /** An operator directory tests fill; thread-safe enough for tests (filled before use). */
    public static final class Directory implements OperatorDirectory {
        private final Map<OperatorId, Operator> operators = new HashMap<>();

        public Directory add(String login, Set<Intent> intents, Set<Tier> tiers, Set<Language> languages) {
            OperatorId id = new OperatorId(login);
            operators.put(id, new Operator(id, login, Operator.Role.OPERATOR, tiers, intents, languages,
                    "PJSIP/" + login, Optional.empty(), true));
            return this;
        }

        /** An operator on line 1 taking every intent in English. */
        public Directory add(String login) {
            return add(login, Set.of(Intent.values()), Set.of(Tier.LINE1), Set.of(Language.EN));
        }

        @Override
        public Optional<Operator> find(OperatorId id) {
            return Optional.ofNullable(operators.get(id));
        }
    }

    public static OperatorId op(String login) {
        return new OperatorId(login);
    }

    public static QueuedCall call(String id, Intent intent, int priority, Tier tier, Language language, Instant arrived) {
        return new QueuedCall(new CallId(id), intent, priority, tier, language, Optional.empty(), "+37060000000",
                Backend.SIM, arrived);
    }

    public static QueuedCall call(String id, Intent intent, Instant arrived) {
        return call(id, intent, intent.defaultPriority(), Tier.LINE1, Language.EN, arrived);
    }
}
