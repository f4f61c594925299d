package dev.frontline.bench;

import dev.frontline.core.acd.AcdCommand;
import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.acd.Router;
import dev.frontline.core.acd.WaitModel;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.operator.Operator;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;

/**
 * Wait-estimate accuracy: a discrete-event simulation drives the real {@link Router} (M/M/s traffic, optional
 * exponential patience, and a day with a morning peak) and compares, for every caller who had to queue and was
 * answered, the wait announced on joining with the wait that followed:
 * <ul>
 *   <li>ours: {@link Router#status} (position, staffed operators, measured handle time, abandonment hazard);</li>
 *   <li>Asterisk app_queue: {@code holdtime = (3*holdtime + wait) / 4} in integer seconds on every answered call,
 *       announced as {@code labs((holdtime + 30 - waited) / 60)} minutes (waited = 0 on joining).</li>
 * </ul>
 * Prints the RMSE table. Run: {@code java -cp bench/target/frontline-bench.jar dev.frontline.bench.WaitEstimateBench}.
 */
public final class WaitEstimateBench {
    static final double HANDLE_SECONDS = 240;
    static final double PATIENCE_SECONDS = 180;
    static final Instant EPOCH = Instant.parse("2026-03-02T06:00:00Z");

    private WaitEstimateBench() {}

    record Result(String name, int answeredAfterQueueing, int abandoned, double meanWait, double rmseAppQueue,
                  double rmseOurs, double rmseOursMinutes, double rmseFloor) {}

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        List<Result> results = new java.util.ArrayList<>();
        for (int s : new int[]{10, 100}) {
            for (double load : new double[]{0.85, 0.95}) {
                for (boolean abandon : new boolean[]{false, true}) {
                    double lambda = load * s / HANDLE_SECONDS;
                    String name = String.format(Locale.ROOT, "M/M/%d load %.2f %s", s, load, abandon ? "abandon" : "no abandon");
                    results.add(new Simulation(seed, s, t -> lambda, abandon, 36 * 3600, 3600).run(name));
                }
            }
        }
        // a 12-hour day, 40 operators: load 0.6 rising to 1.1 around 10:00 and back (callers abandon)
        double base = 40 / HANDLE_SECONDS;
        DoubleUnaryOperator peak = t -> base * (0.6 + 0.5 * Math.exp(-Math.pow((t - 4 * 3600) / 2700.0, 2) / 2));
        results.add(new Simulation(seed, 40, peak, true, 12 * 3600, 0).run("peak day, 40 operators, abandon"));

        System.out.println();
        System.out.println("| traffic | queued+answered | abandoned | mean wait s | RMSE app_queue s | RMSE ours s | ours/app_queue | ours in whole minutes s | floor s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %.1f | %.1f | %.2f | %.1f | %.1f |%n", r.name(),
                    r.answeredAfterQueueing(), r.abandoned(), r.meanWait(), r.rmseAppQueue(), r.rmseOurs(),
                    r.rmseOurs() / r.rmseAppQueue(), r.rmseOursMinutes(), r.rmseFloor());
        }
        System.out.println();
        System.out.println("floor: the same formula told the true handle time and patience (no estimator that only knows the"
                + " position can do better on average)");
        System.out.println();
        System.out.println("handle time exp(mean " + (int) HANDLE_SECONDS + " s), patience exp(mean " + (int) PATIENCE_SECONDS
                + " s) where abandoning; stationary runs: 36 h with the first hour discarded; seed " + seed);
    }

    /** One run: Poisson arrivals (thinning for a varying rate), exponential handle times and patience. */
    static final class Simulation {
        private final Random rnd;
        private final int operators;
        private final DoubleUnaryOperator rate;
        private final boolean abandon;
        private final double horizon;
        private final double warmUp;
        private final Router router;
        private final PriorityQueue<double[]> agenda = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        private final Map<Integer, double[]> waiting = new HashMap<>(); // call -> {arrival, ours, app}
        private final Map<Integer, Double> arrivals = new HashMap<>();
        private long appHoldtime;
        private int n;
        private int abandoned;
        private double sumWait;
        private double sqApp;
        private double sqOurs;
        private double sqOursMinutes;
        private double sqFloor;

        Simulation(long seed, int operators, DoubleUnaryOperator rate, boolean abandon, double horizon, double warmUp) {
            this.rnd = new Random(seed);
            this.operators = operators;
            this.rate = rate;
            this.abandon = abandon;
            this.horizon = horizon;
            this.warmUp = warmUp;
            AcdConfig config = AcdConfig.from(new ConfigNode("acd", Map.of("wrap-up", "0s",
                    "default-handle-time", "3m", "metrics-window", "1h")));
            Map<OperatorId, Operator> dir = new HashMap<>();
            for (int i = 0; i < operators; i++) {
                OperatorId id = new OperatorId("op" + i);
                dir.put(id, new Operator(id, id.value(), Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.SALES),
                        Set.of(Language.EN), "SIM/" + id.value(), Optional.empty(), true));
            }
            this.router = new Router(config, id -> Optional.ofNullable(dir.get(id)), BusinessHours.always());
        }

        private static final double ARRIVAL = 0;
        private static final double DONE = 1;
        private static final double GIVE_UP = 2;

        Result run(String name) {
            for (int i = 0; i < operators; i++) {
                router.handle(new AcdCommand.SetOperatorState(new OperatorId("op" + i), OperatorState.READY, ""), at(0));
            }
            double max = 0;
            for (double t = 0; t < horizon; t += 60) {
                max = Math.max(max, rate.applyAsDouble(t));
            }
            double t = 0;
            int next = 0;
            while (true) {
                t += exp(1 / max);
                if (t >= horizon) {
                    break;
                }
                if (rnd.nextDouble() * max <= rate.applyAsDouble(t)) {
                    agenda.add(new double[]{t, ARRIVAL, next++});
                }
            }
            while (!agenda.isEmpty()) {
                double[] e = agenda.poll();
                int call = (int) e[2];
                if (e[1] == ARRIVAL) {
                    arrive(call, e[0]);
                } else if (e[1] == DONE) {
                    handle(new AcdCommand.CallEnded(id(call)), e[0]);
                } else if (waiting.containsKey(call)) {
                    waiting.remove(call);
                    handle(new AcdCommand.CallerHungUp(id(call)), e[0]);
                    if (arrivals.get(call) >= warmUp) {
                        abandoned++;
                    }
                }
            }
            return new Result(name, n, abandoned, sumWait / n, Math.sqrt(sqApp / n), Math.sqrt(sqOurs / n),
                    Math.sqrt(sqOursMinutes / n), Math.sqrt(sqFloor / n));
        }

        private void arrive(int call, double t) {
            arrivals.put(call, t);
            QueuedCall q = new QueuedCall(id(call), Intent.SALES, 2, Tier.LINE1, Language.EN, Optional.empty(), "+1",
                    Backend.SIM, at(t));
            List<AcdEvent> out = handle(new AcdCommand.Enqueue(q), t);
            boolean offered = out.stream().anyMatch(ev -> ev instanceof AcdEvent.CallOffered);
            if (!offered) {
                var status = router.status(id(call), at(t)).orElseThrow();
                double ours = status.estimatedWait().toMillis() / 1000.0;
                long appMinutes = Math.abs((appHoldtime + 30 - 0) / 60);
                double floor = WaitModel.expectedWaitSeconds(status.position(), operators, HANDLE_SECONDS,
                        abandon ? 1 / PATIENCE_SECONDS : 0);
                waiting.put(call, new double[]{t, ours, appMinutes * 60.0, floor});
                if (abandon) {
                    agenda.add(new double[]{t + exp(PATIENCE_SECONDS), GIVE_UP, call});
                }
            }
        }

        /** Runs a command; every offer is answered at once (the sim's phones), and its handle time starts. */
        private List<AcdEvent> handle(AcdCommand c, double t) {
            List<AcdEvent> out = router.handle(c, at(t));
            for (AcdEvent ev : out) {
                if (ev instanceof AcdEvent.CallOffered o) {
                    int call = Integer.parseInt(o.callId().value());
                    router.handle(new AcdCommand.OperatorAnswered(o.callId()), at(t));
                    agenda.add(new double[]{t + exp(HANDLE_SECONDS), DONE, call});
                    long wait = (long) Math.floor(t - arrivals.get(call)); // whole seconds, as time(NULL) differences
                    appHoldtime = (3 * appHoldtime + wait) / 4;
                    double[] w = waiting.remove(call);
                    if (w != null && w[0] >= warmUp) {
                        double actual = t - w[0];
                        n++;
                        sumWait += actual;
                        sqOurs += (w[1] - actual) * (w[1] - actual);
                        double oursMin = Math.round(w[1] / 60) * 60.0;
                        sqOursMinutes += (oursMin - actual) * (oursMin - actual);
                        sqApp += (w[2] - actual) * (w[2] - actual);
                        sqFloor += (w[3] - actual) * (w[3] - actual);
                    }
                }
            }
            return out;
        }

        private double exp(double mean) {
            return -mean * Math.log(1 - rnd.nextDouble());
        }

        private static CallId id(int call) {
            return new CallId(Integer.toString(call));
        }

        private static Instant at(double t) {
            return EPOCH.plus(Duration.ofNanos((long) (t * 1e9)));
        }
    }
}
