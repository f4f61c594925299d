package dev.frontline.server.sim;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Operators played by the demo: they go ready, answer their sim phone after a ring or two, talk for a while, hang
 * up, wrap up, now and then take a break. An operator logged in on a desktop is left to its human.
 */
final class SimOperators implements SimBackend.RingListener {
    private static final Logger log = LoggerFactory.getLogger(SimOperators.class);

    private final SimBackend sim;
    private final Acd acd;
    private final SimConfig config;
    private final Predicate<String> onDesktop;
    private final Random random;
    private final Set<OperatorId> played = ConcurrentHashMap.newKeySet();
    private volatile boolean running = true;

    SimOperators(SimBackend sim, Acd acd, SimConfig config, Predicate<String> onDesktop, Random random) {
        this.sim = sim;
        this.acd = acd;
        this.config = config;
        this.onDesktop = onDesktop;
        this.random = random;
    }

    /** Puts the operators not on a desktop to work, staggered over a few seconds. */
    void start(List<OperatorId> operators) {
        for (OperatorId op : operators) {
            if (onDesktop.test(op.value())) {
                continue;
            }
            played.add(op);
            sim.later(random.nextInt(2000), () -> ready(op));
        }
        log.info("demo: {} simulated operators", played.size());
    }

    private boolean mine(OperatorId op) {
        return running && played.contains(op) && !onDesktop.test(op.value());
    }

    private void ready(OperatorId op) {
        if (mine(op)) {
            acd.setOperatorState(op, OperatorState.READY, null);
        }
    }

    @Override
    public void ringing(CallId call, OperatorId op) {
        if (!mine(op)) {
            return;
        }
        sim.later(500 + random.nextInt(1500), () -> {
            if (!mine(op)) {
                return;
            }
            try {
                sim.answer(call, op);
            } catch (IllegalStateException e) {
                return; // the caller hung up while it rang
            }
            long talk = exponential(config.talkTime().toMillis(), 5_000);
            sim.later(talk, () -> hangUp(call, op));
        });
    }

    private void hangUp(CallId call, OperatorId op) {
        try {
            sim.hangUp(call, op);
        } catch (IllegalStateException e) {
            // the caller hung up first: the ACD already put the operator in wrap-up
        }
        if (!played.contains(op)) {
            return;
        }
        long wrap = config.wrapUp().toMillis() / 2 + random.nextInt((int) Math.max(1, config.wrapUp().toMillis()));
        sim.later(wrap, () -> {
            if (!mine(op)) {
                return;
            }
            if (inWrapUp(op)) { // the ACD's own wrap-up may have ended first: it would refuse (a warning in the log)
                acd.endWrapUp(op);
            }
            if (random.nextDouble() < 0.05) {
                acd.setOperatorState(op, OperatorState.BREAK, random.nextBoolean() ? "coffee" : "training");
                sim.later(30_000 + random.nextInt(60_000), () -> ready(op));
            }
        });
    }

    private boolean inWrapUp(OperatorId op) {
        try {
            return acd.snapshot().operators().stream()
                    .anyMatch(o -> o.id().equals(op) && o.state() == OperatorState.WRAP_UP);
        } catch (RuntimeException e) {
            return true; // no snapshot (tests): ask, the ACD decides
        }
    }

    private long exponential(long mean, long min) {
        return Math.max(min, (long) (-Math.log(1 - random.nextDouble()) * mean));
    }

    void stop() {
        running = false;
    }
}
