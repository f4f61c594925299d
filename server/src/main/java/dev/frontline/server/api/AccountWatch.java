package dev.frontline.server.api;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Notices accounts of logged-in operators changed in the store by another process ({@code frontline operators
 * set-skills / set-languages}, ADR 0065) and tells the ACD, which routes by the new queues, lines and languages at
 * once instead of at the next login. Reads the accounts (one query) every {@link #PERIOD} while anyone is logged in.
 * Deactivation is the session sweep's ({@link Sessions#sweepRevoked}). Used by the API's sweeper thread only.
 */
final class AccountWatch {
    static final Duration PERIOD = Duration.ofSeconds(5);
    private static final Logger LOG = LoggerFactory.getLogger(AccountWatch.class);

    private final OperatorRepository accounts;
    private final Acd acd;
    private final Clock clock;
    /** The account each logged-in operator is routed by, as last seen (at first, as at login). */
    private final Map<OperatorId, Operator> seen = new HashMap<>();
    private Instant next = Instant.EPOCH;

    AccountWatch(OperatorRepository accounts, Acd acd, Clock clock) {
        this.accounts = accounts;
        this.acd = acd;
        this.clock = clock;
    }

    /** Tells the ACD of every changed account among these sessions' operators; returns whose (none between periods). */
    List<OperatorId> sweep(Collection<DeskSession> live) {
        Instant now = clock.instant();
        if (now.isBefore(next)) {
            return List.of();
        }
        next = now.plus(PERIOD);
        Map<OperatorId, Operator> atLogin = new HashMap<>();
        for (DeskSession s : live) {
            atLogin.putIfAbsent(s.operator().id(), s.operator());
        }
        seen.keySet().retainAll(atLogin.keySet());
        if (atLogin.isEmpty()) {
            return List.of();
        }
        Map<OperatorId, Operator> stored = new HashMap<>();
        for (Operator o : accounts.all()) { // one read for the whole desk, however many are logged in
            stored.put(o.id(), o);
        }
        List<OperatorId> changed = new ArrayList<>();
        for (Map.Entry<OperatorId, Operator> e : atLogin.entrySet()) {
            Operator before = seen.getOrDefault(e.getKey(), e.getValue());
            Optional<Operator> after = Optional.ofNullable(stored.get(e.getKey())).filter(Operator::active);
            if (after.isEmpty()) {
                seen.put(e.getKey(), before);
                continue;
            }
            seen.put(e.getKey(), after.get());
            if (!after.get().equals(before)) {
                LOG.info("account of {} changed in the store: now routed by {} ({})", e.getKey().value(),
                        String.join(", ", after.get().skillNames()), after.get().languages());
                acd.operatorProfileChanged(e.getKey());
                changed.add(e.getKey());
            }
        }
        return changed;
    }
}
