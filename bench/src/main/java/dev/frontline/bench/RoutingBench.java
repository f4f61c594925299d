package dev.frontline.bench;

import dev.frontline.core.acd.AcdCommand;
import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.acd.Router;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.operator.Operator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Routing decision time with 1,000 operators and 5,000 waiting callers, against a naive scan of the same data.
 * <ul>
 *   <li>operator ready: one operator comes back while 5,000 callers wait; the router picks the best call it may
 *       take (priority with ageing, skill, tier, language or fallback, overflow) and offers it;</li>
 *   <li>call arrival: a caller joins while ~1,000 operators are ready; the router picks the longest-idle one who
 *       may take it.</li>
 * </ul>
 * Our time includes building the events and applying them; the naive baseline only scans. Run:
 * {@code java -cp bench/target/frontline-bench.jar dev.frontline.bench.RoutingBench}.
 */
public final class RoutingBench {
    static final int OPERATORS = 1000;
    static final int WAITING = 5000;
    static final int ROUNDS = 20_000;
    static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    static final AcdConfig CONFIG = AcdConfig.defaults();

    private RoutingBench() {}

    record Op(OperatorId id, Set<Intent> intents, Set<Tier> tiers, Set<Language> languages, long readySince) {}

    record Waiting(CallId id, Intent intent, int priority, Tier tier, Language language, long arrived) {
        long rank() {
            return arrived + (priority - 1) * CONFIG.ageingPerLevel().toMillis();
        }
    }

    public static void main(String[] args) {
        Random rnd = new Random(7);
        Map<OperatorId, Operator> dir = new HashMap<>();
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < OPERATORS; i++) {
            OperatorId id = new OperatorId("op" + i);
            Set<Intent> intents = some(rnd, Intent.values(), 1 + rnd.nextInt(3), Intent.class);
            Set<Tier> tiers = rnd.nextInt(7) == 0 ? EnumSet.of(Tier.LINE2) : EnumSet.of(Tier.LINE1);
            Set<Language> langs = some(rnd, Language.values(), 1 + rnd.nextInt(2), Language.class);
            dir.put(id, new Operator(id, id.value(), Operator.Role.OPERATOR, tiers, intents, langs, "SIM/" + id.value(),
                    Optional.empty(), true));
            ops.add(new Op(id, intents, tiers, langs, 0));
        }
        long[] ours = operatorReady(rnd, dir, ops);
        long[] naiveReady = naiveOperatorReady(rnd, ops);
        long[] arrival = callArrival(rnd, dir, ops);
        long[] naiveArrival = naiveCallArrival(rnd, ops);

        System.out.println();
        System.out.println("| decision (1,000 operators) | router p50 us | router p99 us | naive scan p50 us | naive scan p99 us | naive/router at p99 |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        row("operator ready, 5,000 callers waiting", ours, naiveReady);
        row("call arrives, ~1,000 operators ready", arrival, naiveArrival);
        System.out.println();
        System.out.println(ROUNDS + " decisions each after " + ROUNDS + " warm-up rounds; one thread; "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    }

    private static void row(String name, long[] router, long[] naive) {
        System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.1f | %.1f |%n", name, pct(router, 50) / 1e3,
                pct(router, 99) / 1e3, pct(naive, 50) / 1e3, pct(naive, 99) / 1e3, pct(naive, 99) / pct(router, 99));
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static <E extends Enum<E>> Set<E> some(Random rnd, E[] values, int n, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        while (out.size() < n) {
            out.add(values[rnd.nextInt(values.length)]);
        }
        return out;
    }

    private static QueuedCall call(Random rnd, int n, Instant at) {
        Intent intent = Intent.values()[rnd.nextInt(3)];
        return new QueuedCall(new CallId("c" + n), intent, intent.defaultPriority(), rnd.nextInt(10) == 0 ? Tier.LINE2 : Tier.LINE1,
                Language.values()[rnd.nextInt(Language.values().length)], Optional.empty(), "+1", Backend.SIM, at);
    }

    /** 5,000 callers wait, every operator on a break; each round one operator becomes ready (timed). */
    private static long[] operatorReady(Random rnd, Map<OperatorId, Operator> dir, List<Op> ops) {
        Router router = new Router(CONFIG, id -> Optional.ofNullable(dir.get(id)), BusinessHours.always());
        Instant now = T0;
        for (Op op : ops) {
            router.handle(new AcdCommand.SetOperatorState(op.id(), OperatorState.BREAK, "bench"), now);
        }
        int n = 0;
        for (; n < WAITING; n++) {
            router.handle(new AcdCommand.Enqueue(call(rnd, n, now.minusMillis(rnd.nextInt(600_000)))), now);
        }
        long[] times = new long[ROUNDS];
        for (int round = -ROUNDS; round < ROUNDS; round++) {
            now = now.plusMillis(10);
            Op op = ops.get(rnd.nextInt(ops.size()));
            long t0 = System.nanoTime();
            List<AcdEvent> out = router.handle(new AcdCommand.SetOperatorState(op.id(), OperatorState.READY, ""), now);
            long t1 = System.nanoTime();
            if (round >= 0) {
                times[round] = t1 - t0;
            }
            for (AcdEvent e : out) {
                if (e instanceof AcdEvent.CallOffered o) {
                    router.handle(new AcdCommand.OperatorAnswered(o.callId()), now);
                    router.handle(new AcdCommand.CallEnded(o.callId()), now);
                    router.handle(new AcdCommand.Enqueue(call(rnd, n++, now)), now);
                }
            }
            router.handle(new AcdCommand.SetOperatorState(op.id(), OperatorState.BREAK, "bench"), now);
        }
        Arrays.sort(times);
        return times;
    }

    /** The same decision by scanning every waiting caller. */
    private static long[] naiveOperatorReady(Random rnd, List<Op> ops) {
        List<Waiting> waiting = new ArrayList<>();
        long now = T0.toEpochMilli();
        for (int n = 0; n < WAITING; n++) {
            QueuedCall q = call(rnd, n, T0.minusMillis(rnd.nextInt(600_000)));
            waiting.add(new Waiting(q.callId(), q.intent(), q.priority(), q.tier(), q.language(), q.arrivedAt().toEpochMilli()));
        }
        long[] times = new long[ROUNDS];
        long sink = 0;
        for (int round = -ROUNDS; round < ROUNDS; round++) {
            now += 10;
            Op op = ops.get(rnd.nextInt(ops.size()));
            long t0 = System.nanoTime();
            Waiting best = null;
            for (Waiting w : waiting) {
                if (eligible(w, op, now) && (best == null || w.rank() < best.rank()
                        || (w.rank() == best.rank() && w.arrived() < best.arrived()))) {
                    best = w;
                }
            }
            long t1 = System.nanoTime();
            if (round >= 0) {
                times[round] = t1 - t0;
            }
            if (best != null) {
                sink += best.arrived();
                int i = waiting.indexOf(best);
                QueuedCall q = call(rnd, WAITING + round + ROUNDS, Instant.ofEpochMilli(now));
                waiting.set(i, new Waiting(q.callId(), q.intent(), q.priority(), q.tier(), q.language(), now));
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        Arrays.sort(times);
        return times;
    }

    private static boolean eligible(Waiting w, Op op, long now) {
        long waited = now - w.arrived();
        boolean tier = op.tiers().contains(w.tier()) || (w.tier() == Tier.LINE1 && op.tiers().contains(Tier.LINE2)
                && waited >= CONFIG.overflowAfter().toMillis());
        return tier && op.intents().contains(w.intent())
                && (op.languages().contains(w.language()) || waited >= CONFIG.languageFallback().toMillis());
    }

    /** Every operator ready, nobody waiting; each round a caller arrives (timed) and is served at once. */
    private static long[] callArrival(Random rnd, Map<OperatorId, Operator> dir, List<Op> ops) {
        Router router = new Router(CONFIG.withTimings(Duration.ofSeconds(15), Duration.ZERO, Duration.ofSeconds(60)),
                id -> Optional.ofNullable(dir.get(id)), BusinessHours.always());
        Instant now = T0;
        for (Op op : ops) {
            now = now.plusMillis(1);
            router.handle(new AcdCommand.SetOperatorState(op.id(), OperatorState.READY, ""), now);
        }
        long[] times = new long[ROUNDS];
        for (int round = -ROUNDS; round < ROUNDS; round++) {
            now = now.plusMillis(10);
            QueuedCall q = call(rnd, round + ROUNDS, now);
            long t0 = System.nanoTime();
            List<AcdEvent> out = router.handle(new AcdCommand.Enqueue(q), now);
            long t1 = System.nanoTime();
            if (round >= 0) {
                times[round] = t1 - t0;
            }
            if (out.stream().anyMatch(e -> e instanceof AcdEvent.CallOffered)) {
                router.handle(new AcdCommand.OperatorAnswered(q.callId()), now);
                router.handle(new AcdCommand.CallEnded(q.callId()), now);
            } else {
                router.handle(new AcdCommand.CallerHungUp(q.callId()), now);
            }
        }
        Arrays.sort(times);
        return times;
    }

    /** The same decision by scanning every operator. */
    private static long[] naiveCallArrival(Random rnd, List<Op> ops) {
        List<Op> ready = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            Op o = ops.get(i);
            ready.add(new Op(o.id(), o.intents(), o.tiers(), o.languages(), i));
        }
        long[] times = new long[ROUNDS];
        long clock = ops.size();
        for (int round = -ROUNDS; round < ROUNDS; round++) {
            QueuedCall q = call(rnd, round, T0);
            Waiting w = new Waiting(q.callId(), q.intent(), q.priority(), q.tier(), q.language(), 0);
            long t0 = System.nanoTime();
            int best = -1;
            for (int i = 0; i < ready.size(); i++) {
                Op o = ready.get(i);
                if (eligible(w, o, 0) && (best < 0 || o.readySince() < ready.get(best).readySince())) {
                    best = i;
                }
            }
            long t1 = System.nanoTime();
            if (round >= 0) {
                times[round] = t1 - t0;
            }
            if (best >= 0) {
                Op o = ready.get(best);
                ready.set(best, new Op(o.id(), o.intents(), o.tiers(), o.languages(), ++clock));
            }
        }
        Arrays.sort(times);
        return times;
    }
}
