package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.operator.Operator;

import java.time.Instant;
import java.util.Set;

/** An operator as routing sees it. Mutable, owned by {@link AcdState}. */
final class Agent {
    final OperatorId id;
    Operator profile;
    OperatorState state = OperatorState.OFFLINE;
    String reason = "";
    Instant since;
    /** When it last became READY: the longest-idle operator is the one with the earliest. */
    Instant readySince;
    boolean phoneRegistered = true;
    /** The call it is ringing for or talking on (a callback conversation uses its attempt id). */
    CallId current;
    Instant offeredAt;
    /** When the backend reported its phone ringing for {@link #current}; null until then. */
    Instant ringingSince;
    Instant answeredAt;
    Instant wrapUpUntil;
    /** Queue of the last conversation, for handle-time statistics. */
    Intent lastIntent;
    Tier lastTier;
    boolean indexed;

    Agent(OperatorId id, Operator profile) {
        this.id = id;
        this.profile = profile;
    }

    Set<Intent> intents() {
        return profile == null ? Set.of() : profile.intents();
    }

    Set<Tier> tiers() {
        return profile == null ? Set.of() : profile.tiers();
    }

    Set<Language> languages() {
        return profile == null ? Set.of() : profile.languages();
    }

    String endpoint() {
        return profile == null || profile.endpoint() == null ? "" : profile.endpoint();
    }

    boolean staffed() {
        return state != OperatorState.OFFLINE && state != OperatorState.BREAK && state != OperatorState.MISSED;
    }
}
