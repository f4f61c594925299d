package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** One logged-in (or once logged-in) operator as routing sees it. {@code currentCall} is a callback's attempt id for callbacks. */
public record OperatorView(OperatorId id, String name, OperatorState state, String reason, Instant since,
                           Set<Intent> intents, Set<Tier> tiers, Set<Language> languages, boolean phoneRegistered,
                           Optional<CallId> currentCall) {}
