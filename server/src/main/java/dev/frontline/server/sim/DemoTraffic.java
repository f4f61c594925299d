package dev.frontline.server.sim;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A live day on the simulated line: callers arrive at random (Poisson, {@code sim.demo.calls-per-minute}) with the
 * configured mix of intents, languages and known/unknown numbers; some give up on hold, some take a callback; the
 * demo operators not logged in on a desktop answer them. Bounded by {@code sim.demo.max-calls}; stoppable.
 */
public final class DemoTraffic implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);
    private static final Map<String, String> INTENT_DIGITS = Map.of("technical", "1", "sales", "2", "general", "3");

    /** A customer number the demo may call from. */
    public record KnownCaller(String number, String contract, String language) {}

    private final SimBackend sim;
    private final SimConfig config;
    private final List<KnownCaller> known;
    private final Random random;
    private final SimOperators operators;
    private final List<OperatorId> operatorIds;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger placed = new AtomicInteger();
    private volatile ScheduledFuture<?> next;
    private volatile boolean running;

    public DemoTraffic(SimBackend sim, Acd acd, OperatorRepository operatorRepository, List<KnownCaller> known,
                       Predicate<String> onDesktop, SimConfig config, long seed) {
        this.sim = sim;
        this.config = config;
        this.known = List.copyOf(known);
        this.random = new Random(seed);
        this.operators = new SimOperators(sim, acd, config, onDesktop, new Random(seed + 1));
        this.operatorIds = operatorRepository.all().stream()
                .filter(o -> o.active() && o.role() == Operator.Role.OPERATOR).map(Operator::id).toList();
    }

    /** The customers' numbers in the store (at most {@code limit}). */
    public static List<KnownCaller> knownCallers(Database db, int limit) {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT p.e164, c.contract_number, c.language FROM customer_phones p "
                        + "JOIN customers c ON c.id = p.customer_id ORDER BY c.id LIMIT ?")) {
            ps.setInt(1, limit);
            List<KnownCaller> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new KnownCaller(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StoreException("cannot read demo callers: " + e.getMessage(), e);
        }
    }

    /** Starts the operators and the arrivals. */
    public DemoTraffic start() {
        running = true;
        sim.onRing(operators);
        operators.start(operatorIds);
        scheduleNext();
        log.info("demo traffic: {} calls/min, at most {} at once, {} known numbers", config.callsPerMinute(),
                config.maxCalls(), known.size());
        return this;
    }

    private void scheduleNext() {
        if (!running || config.callsPerMinute() <= 0) {
            return;
        }
        double meanMillis = 60_000 / config.callsPerMinute();
        long gap = Math.max(1, (long) (-Math.log(1 - random.nextDouble()) * meanMillis));
        next = sim.later(gap, this::arrive);
    }

    private void arrive() {
        try {
            if (running && active.get() < config.maxCalls()) {
                placeCall();
            }
        } finally {
            scheduleNext();
        }
    }

    /** Places one demo call now (also used by tests and the benchmark). */
    public void placeCall() {
        DemoCaller.Profile p = profile();
        active.incrementAndGet();
        placed.incrementAndGet();
        DemoCaller caller = new DemoCaller(sim, p, new Random(random.nextLong()), active::decrementAndGet);
        try {
            caller.dial("support");
        } catch (RuntimeException e) {
            active.decrementAndGet();
            log.warn("demo call from {} failed: {}", p.from(), e.toString());
        }
    }

    DemoCaller.Profile profile() {
        String intent = pick(config.intentMix());
        long patience = Math.max(5_000, (long) (-Math.log(1 - random.nextDouble()) * config.patience().toMillis()));
        boolean callback = random.nextDouble() < config.callbackShare();
        if (!known.isEmpty() && random.nextDouble() < config.knownShare()) {
            KnownCaller k = known.get(random.nextInt(known.size()));
            return new DemoCaller.Profile(k.number(), k.contract(), k.language(), INTENT_DIGITS.get(intent), patience,
                    callback);
        }
        String number = "+3706" + String.format("%07d", random.nextInt(10_000_000));
        return new DemoCaller.Profile(number, null, pick(config.languageMix()), INTENT_DIGITS.get(intent), patience,
                callback);
    }

    private String pick(Map<String, Double> weights) {
        double total = weights.values().stream().mapToDouble(Double::doubleValue).sum();
        double r = random.nextDouble() * total;
        for (var e : weights.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            r -= e.getValue();
            if (r <= 0) {
                return e.getKey();
            }
        }
        return weights.keySet().iterator().next();
    }

    public int activeCalls() {
        return active.get();
    }

    public int placedCalls() {
        return placed.get();
    }

    @Override
    public void close() {
        running = false;
        operators.stop();
        ScheduledFuture<?> n = next;
        if (n != null) {
            n.cancel(false);
        }
    }
}
