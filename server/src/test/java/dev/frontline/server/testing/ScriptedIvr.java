package dev.frontline.server.testing;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.call.Await;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.call.CallStart;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.call.MediaStep;
import dev.frontline.core.call.Prompt;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.CustomerRepository;
import dev.frontline.core.store.Database;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A one-menu IVR standing in for the flow interpreter: "press 1 for a technical failure" queues the caller; it
 * writes the {@code calls} row with the menu trail as the real IVR does. Thread-safe.
 */
public final class ScriptedIvr implements CallHandler {
    private final Acd acd;
    private final CustomerRepository customers;
    private final Database db;
    private final Clock clock;
    private final Map<CallId, String> phase = new ConcurrentHashMap<>();
    private final Map<CallId, CallStart> starts = new ConcurrentHashMap<>();

    public ScriptedIvr(Acd acd, CustomerRepository customers, Database db, Clock clock) {
        this.acd = acd;
        this.customers = customers;
        this.db = db;
        this.clock = clock;
    }

    private static Turn say(CallId id, String key, String text, Await await) {
        return new Turn(id, List.of(new MediaStep.Play(new Prompt(Language.EN, key, text))), await);
    }

    @Override
    public Turn start(CallStart start) {
        phase.put(start.callId(), "menu");
        starts.put(start.callId(), start);
        return say(start.callId(), "menu", "Press 1 for a technical failure.",
                new Await.CollectDigits(1, Duration.ofSeconds(5), false));
    }

    @Override
    public Turn resume(CallId id, CallerInput input) {
        String p = phase.getOrDefault(id, "gone");
        if (input instanceof CallerInput.HungUp) {
            phase.remove(id);
            if (p.equals("queued")) {
                acd.callerHungUp(id);
            }
            return Turn.hangUp(id);
        }
        switch (p) {
            case "menu" -> {
                if (input instanceof CallerInput.Digits d && d.digits().equals("1")) {
                    phase.put(id, "queued");
                    enqueue(id);
                    return say(id, "queued", "Please hold.",
                            new Await.WaitInQueue(1, Duration.ofSeconds(30), Duration.ofSeconds(1)));
                }
                return say(id, "menu", "Press 1 for a technical failure.",
                        new Await.CollectDigits(1, Duration.ofSeconds(5), false));
            }
            case "queued" -> {
                if (input instanceof CallerInput.OperatorLegEnded) {
                    phase.put(id, "rating");
                    return say(id, "rate", "Rate the call from 1 to 5.",
                            new Await.CollectDigits(1, Duration.ofSeconds(5), false));
                }
                return say(id, "still-waiting", "You are first in line.",
                        new Await.WaitInQueue(1, Duration.ofSeconds(30), Duration.ofSeconds(1)));
            }
            case "rating" -> {
                phase.remove(id);
                return say(id, "thanks", "Thank you.", new Await.HangUp());
            }
            default -> {
                return Turn.hangUp(id);
            }
        }
    }

    private void enqueue(CallId id) {
        CallStart start = starts.get(id);
        Optional<Customer> customer = customers.findByPhone(start.callingNumber());
        long now = clock.millis();
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO calls (call_id, backend, calling_number, "
                    + "called_number, customer_id, flow, language, intent, priority, tier, identified, verified, "
                    + "started_at, queued_at, trail) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setString(1, id.value());
                ps.setString(2, "SIM");
                ps.setString(3, start.callingNumber());
                ps.setString(4, start.calledNumber());
                ps.setObject(5, customer.map(cu -> cu.id().value()).orElse(null));
                ps.setString(6, start.flow());
                ps.setString(7, "en");
                ps.setString(8, "TECHNICAL");
                ps.setInt(9, 1);
                ps.setString(10, "LINE1");
                ps.setInt(11, customer.isPresent() ? 1 : 0);
                ps.setInt(12, 0);
                ps.setLong(13, now);
                ps.setLong(14, now);
                ps.setString(15, "[\"language: en\", \"pressed 1 (technical failure)\"]");
                ps.executeUpdate();
            }
            return null;
        });
        acd.enqueue(new QueuedCall(id, Intent.TECHNICAL, 1, Tier.LINE1, Language.EN,
                customer.map(Customer::id), start.callingNumber(), start.backend(), clock.instant()));
    }
}
