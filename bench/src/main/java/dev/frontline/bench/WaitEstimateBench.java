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
import java.util.ArrayList;
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
 * exponential patience, and a day with a morning peak). Every caller who has to queue hears an estimate on joining
 * and again every {@value #ANNOUNCE_EVERY_SECONDS} s while waiting; for callers who are answered, each estimate is
 * compared with the wait that actually remained:
 * <ul>
 *   <li>ours: {@link Router#status} (position, staffed operators, measured handle time, abandonment hazard);</li>
 *   <li>Asterisk app_queue: {@code holdtime = (3*holdtime + wait) / 4} in integer seconds on every answered call,
 *       announced as {@code labs((holdtime + 30 - waited) / 60)} minutes;</li>
 *   <li>floor: our formula told the true handle time and patience. Without abandonment this is the conditional mean
 *       of the remaining wait given the whole queue state (M/M/s is Markov and handle times are memoryless), so no
 *       estimator can have a smaller RMSE; floor/app_queue is the best ratio any estimator can reach.</li>
 * </ul>
 * Prints two RMSE tables: the estimate on joining only, and every announcement.
 * Run: {@code bench/run WaitEstimateBench [seed] [hours per stationary case]} (defaults 42 and 360; ~10 s).
 */
public final class WaitEstimateBench {
    static final double HANDLE_SECONDS = 240;
    static final double PATIENCE_SECONDS = 180;
    /** Our flow's {@code announce-every} and app_queue's {@code announce-frequency} in the sample queues.conf. */
    static final double ANNOUNCE_EVERY_SECONDS = 60;
    static final Instant EPOCH = Instant.parse("2026-03-02T06:00:00Z");

    private WaitEstimateBench() {}

    /** Squared errors of the three estimates over a set of announcements. */
    static final class Accuracy {
        private int n;
        private double sqApp;
        private double sqOurs;
        private double sqOursMinutes;
        private double sqFloor;

        void add(double[] heard, double remaining) {
            n++;
            sqOurs += sq(heard[1] - remaining);
            sqOursMinutes += sq(Math.round(heard[1] / 60) * 60.0 - remaining);
            sqApp += sq(heard[2] - remaining);
            sqFloor += sq(heard[3] - remaining);
        }

        int count() {
            return n;
        }

        double app() {
            return Math.sqrt(sqApp / n);
        }

        double ours() {
            return Math.sqrt(sqOurs / n);
        }

        double oursMinutes() {
            return Math.sqrt(sqOursMinutes / n);
        }

        double floor() {
            return Math.sqrt(sqFloor / n);
        }

        private static double sq(double x) {
            return x * x;
        }
    }

    record Result(String name, int answeredAfterQueueing, int abandoned, double meanWait, Accuracy onJoining,
                  Accuracy everyAnnouncement) {}

    public static void main(String[] args) {
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42;
        double stationarySeconds = args.length > 1 ? Double.parseDouble(args[1]) * 3600 : 360 * 3600;
        List<Result> results = new ArrayList<>();
        for (int s : new int[]{10, 100}) {
            for (double load : new double[]{0.85, 0.95}) {
                for (boolean abandon : new boolean[]{false, true}) {
                    double lambda = load * s / HANDLE_SECONDS;
                    String name = String.format(Locale.ROOT, "M/M/%d load %.2f %s", s, load, abandon ? "abandon" : "no abandon");
                    results.add(new Simulation(seed, s, t -> lambda, abandon, stationarySeconds, 3600).run(name));
                }
            }
        }
        // a 12-hour day, 40 operators: load 0.6 rising to 1.1 around 10:00 and back (callers abandon)
        double base = 40 / HANDLE_SECONDS;
        DoubleUnaryOperator peak = t -> base * (0.6 + 0.5 * Math.exp(-Math.pow((t - 4 * 3600) / 2700.0, 2) / 2));
        results.add(new Simulation(seed, 40, peak, true, 12 * 3600, 0).run("peak day, 40 operators, abandon"));

        table("Announced on joining (the caller's first announcement)", results, Result::onJoining);
        table("Every announcement a caller hears (on joining, then every " + (int) ANNOUNCE_EVERY_SECONDS
                + " s while waiting)", results, Result::everyAnnouncement);
        System.out.println("floor: the same formula told the true handle time and patience (no estimator that only knows the"
                + " position can do better on average)");
        System.out.println();
        System.out.println("handle time exp(mean " + (int) HANDLE_SECONDS + " s), patience exp(mean " + (int) PATIENCE_SECONDS
                + " s) where abandoning; stationary runs: " + (int) (stationarySeconds / 3600)
                + " h with the first hour discarded; seed " + seed);
    }

    private static void table(String title, List<Result> results, java.util.function.Function<Result, Accuracy> which) {
        System.out.println();
        System.out.println(title);
        System.out.println();
        System.out.println("| traffic | callers queued+answered | abandoned | mean wait s | announcements | RMSE app_queue s"
                + " | RMSE ours s | ours/app_queue | ours in whole minutes s | floor s | floor/app_queue | ours/floor |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Result r : results) {
            Accuracy a = which.apply(r);
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %.1f | %d | %.1f | %.1f | %.2f | %.1f | %.1f | %.2f | %.2f |%n",
                    r.name(), r.answeredAfterQueueing(), r.abandoned(), r.meanWait(), a.count(), a.app(), a.ours(),
                    a.ours() / a.app(), a.oursMinutes(), a.floor(), a.floor() / a.app(), a.ours() / a.floor());
        }
        System.out.println();
    }

    /** One run: Poisson arrivals (thinning for a varying rate), exponential handle times and patience. */
    static final class Simulation {
        private static final double ARRIVAL = 0;
        private static final double DONE = 1;
        private static final double GIVE_UP = 2;
        private static final double ANNOUNCE = 3;

        private final Random rnd;
        private final int operators;
        private final DoubleUnaryOperator rate;
        private final boolean abandon;
        private final double horizon;
        private final double warmUp;
        private final Router router;
        private final PriorityQueue<double[]> agenda = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        /** Queued callers: what each heard, {at, ours, app_queue, floor} per announcement, the first on joining. */
        private final Map<Integer, List<double[]>> heard = new HashMap<>();
        private final Map<Integer, Double> arrivals = new HashMap<>();
        private final Accuracy onJoining = new Accuracy();
        private final Accuracy everyAnnouncement = new Accuracy();
        private long appHoldtime;
        private int abandoned;
        private double sumWait;

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
                } else if (e[1] == ANNOUNCE) {
                    announce(call, e[0]);
                } else if (heard.containsKey(call)) {
                    heard.remove(call);
                    handle(new AcdCommand.CallerHungUp(id(call)), e[0]);
                    if (arrivals.get(call) >= warmUp) {
                        abandoned++;
                    }
                }
            }
            return new Result(name, onJoining.count(), abandoned, sumWait / onJoining.count(), onJoining, everyAnnouncement);
        }

        private void arrive(int call, double t) {
            arrivals.put(call, t);
            QueuedCall q = new QueuedCall(id(call), Intent.SALES, 2, Tier.LINE1, Language.EN, Optional.empty(), "+1",
                    Backend.SIM, at(t));
            List<AcdEvent> out = handle(new AcdCommand.Enqueue(q), t);
            if (out.stream().noneMatch(ev -> ev instanceof AcdEvent.CallOffered)) {
                heard.put(call, new ArrayList<>());
                announce(call, t);
                if (abandon) {
                    agenda.add(new double[]{t + exp(PATIENCE_SECONDS), GIVE_UP, call});
                }
            }
        }

        /** What a still-waiting caller hears now from each estimator; the next announcement follows in a minute. */
        private void announce(int call, double t) {
            List<double[]> list = heard.get(call);
            if (list == null) {
                return;
            }
            var status = router.status(id(call), at(t)).orElseThrow();
            double ours = status.estimatedWait().toMillis() / 1000.0;
            long waited = (long) Math.floor(t - arrivals.get(call)); // whole seconds, as time(NULL) differences
            long appMinutes = Math.abs((appHoldtime + 30 - waited) / 60);
            double floor = WaitModel.expectedWaitSeconds(status.position(), operators, HANDLE_SECONDS,
                    abandon ? 1 / PATIENCE_SECONDS : 0);
            list.add(new double[]{t, ours, appMinutes * 60.0, floor});
            agenda.add(new double[]{t + ANNOUNCE_EVERY_SECONDS, ANNOUNCE, call});
        }

        /** Runs a command; every offer is answered at once (the sim's phones), and its handle time starts. */
        private List<AcdEvent> handle(AcdCommand c, double t) {
            List<AcdEvent> out = router.handle(c, at(t));
            for (AcdEvent ev : out) {
                if (ev instanceof AcdEvent.CallOffered o) {
                    int call = Integer.parseInt(o.callId().value());
                    router.handle(new AcdCommand.OperatorAnswered(o.callId()), at(t));
                    agenda.add(new double[]{t + exp(HANDLE_SECONDS), DONE, call});
                    long wait = (long) Math.floor(t - arrivals.get(call));
                    appHoldtime = (3 * appHoldtime + wait) / 4;
                    List<double[]> list = heard.remove(call);
                    if (list != null && arrivals.get(call) >= warmUp) {
                        sumWait += t - arrivals.get(call);
                        onJoining.add(list.get(0), t - list.get(0)[0]);
                        for (double[] h : list) {
                            everyAnnouncement.add(h, t - h[0]);
                        }
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
