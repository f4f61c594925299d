package dev.frontline.bench;

import dev.frontline.core.acd.AcdCommand;
import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.AcdEventLog;
import dev.frontline.core.acd.AcdFixtures;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.acd.ManualClock;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.RecordingConnector;
import dev.frontline.core.acd.RecordingSms;
import dev.frontline.core.acd.Router;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Issue 23: an ACD restart from a snapshot plus the events after it, against the full replay of the log (today's
 * start), in the same run on the same SQLite file.
 *
 * <p>Filling: a year of finished calls (50 operators; each call queued, offered, answered, ended, wrap-up, ready: 8
 * events) is produced by the real routing core ({@link Router}, no I/O, a clock stepped over 365 days) and appended
 * through the real {@link JdbcAcdEventLog#append} (the same JSON rows and projections the live ACD writes), but in
 * batches of 20,000 events per transaction instead of the live group commits, which would take hours here. The last
 * day ends with callers waiting and callbacks pending, so the snapshot holds live state.
 *
 * <p>Then: (1) the full replay, timed: an ACD started on the log with no snapshot, which then stores the first one;
 * (2) {@code tail} more events (the most a restart replays with {@code acd.snapshot-every.events: 20000}); (3) three
 * restarts from the snapshot plus the tail, timed, in this JVM, then (4) three in new JVMs (cold: what a real restart
 * costs; {@code bench/run AcdSnapshotBench restart file=PATH} runs one on a filled file). Usage:
 * {@code BENCH_JAVA_OPTS=-Xmx6g bench/run AcdSnapshotBench [events=40000000] [tail=20000] [file=/path/acd.db]}
 * (an existing file with at least {@code events} events is reused).
 */
public final class AcdSnapshotBench {
    private static final int OPERATORS = 50;
    private static final int BATCH = 20_000;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("restart")) {
            restartOnce(Path.of(args[1].replace("file=", "")));
            return;
        }
        long target = 40_000_000;
        long tail = 20_000;
        Path file = null;
        for (String a : args) {
            if (a.startsWith("events=")) {
                target = Long.parseLong(a.substring(7).replace("_", ""));
            } else if (a.startsWith("tail=")) {
                tail = Long.parseLong(a.substring(5).replace("_", ""));
            } else if (a.startsWith("file=")) {
                file = Path.of(a.substring(5));
            } else {
                throw new IllegalArgumentException("unknown argument " + a + " (events=N tail=N file=PATH)");
            }
        }
        if (file == null) {
            file = Files.createTempDirectory("acd-snapshot").resolve("acd.db");
        }
        AcdFixtures.Directory operators = new AcdFixtures.Directory();
        for (int i = 0; i < OPERATORS; i++) {
            operators.add("op" + i);
        }
        // timed starts store no snapshot of their own (the one under test stays the newest)
        AcdConfig config = AcdConfig.defaults().withSnapshotEvery(100_000_000, Duration.ofDays(365));
        Instant end;
        try (Database db = Database.sqlite(file)) {
            long have = count(db, "SELECT count(*) FROM call_events");
            if (have > 0 && have < target) {
                throw new IllegalArgumentException(file + " holds " + have + " events, fewer than " + target
                        + ": give a new file (or one filled by an earlier run)");
            }
            if (have < target) {
                db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM acd_snapshots"));
                long t0 = System.nanoTime();
                end = fill(db, operators, target);
                System.out.printf("filled %s with %,d events (a year of finished calls, batched appends) in %.0f s%n",
                        file, count(db, "SELECT count(*) FROM call_events"), (System.nanoTime() - t0) / 1e9);
            } else {
                end = Instant.ofEpochMilli(count(db, "SELECT max(at) FROM call_events"));
                System.out.printf("reusing %s with %,d events%n", file, have);
            }
            db.inTransaction(c -> c.createStatement().executeUpdate("DELETE FROM acd_snapshots"));
        }
        ManualClock clock = new ManualClock(end.plusSeconds(1));
        long events;
        long fullMs;
        try (Database db = Database.sqlite(file)) {
            events = count(db, "SELECT count(*) FROM call_events");
            long t0 = System.nanoTime();
            try (AcdService acd = acd(config, new WholeLog(new JdbcAcdEventLog(db)), clock, operators)) {
                fullMs = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("full replay (today's start) of %,d events: %,d ms (%,.0f events/s); waiting %d,"
                        + " callbacks %d%n", events, fullMs, events * 1000.0 / fullMs, acd.snapshot().waiting().size(),
                        acd.snapshot().callbacksPending());
                long t1 = System.nanoTime();
                long covers = acd.snapshotNow();
                System.out.printf("snapshot stored up to event %,d in %,d ms: %,d bytes of JSON%n", covers,
                        (System.nanoTime() - t1) / 1_000_000, count(db, "SELECT max(length(state)) FROM acd_snapshots"));
            }
            appendTail(db, tail, clock);
        }
        try (Database db = Database.sqlite(file)) {
            long all = count(db, "SELECT count(*) FROM call_events");
            long after = all - count(db, "SELECT max(covers) FROM acd_snapshots");
            long best = Long.MAX_VALUE;
            for (int run = 1; run <= 3; run++) {
                long t0 = System.nanoTime();
                try (AcdService acd = acd(config, new JdbcAcdEventLog(db), clock, operators)) {
                    long ms = (System.nanoTime() - t0) / 1_000_000;
                    best = Math.min(best, ms);
                    System.out.printf("restart %d from the snapshot + %,d events after it (log of %,d): %,d ms; waiting %d,"
                            + " callbacks %d%n", run, after, all, ms, acd.snapshot().waiting().size(),
                            acd.snapshot().callbacksPending());
                }
            }
            System.out.printf("RESULT events=%,d full-replay=%,d ms snapshot+tail(%,d)=%,d ms (best of 3, warm JVM)"
                    + " ratio=%.1fx goal<2000 ms: %s%n", all, fullMs, after, best, (double) fullMs / best,
                    best < 2000 ? "met" : "MISSED");
        }
        // a real restart is a new JVM: nothing loaded, nothing compiled yet
        for (int run = 1; run <= 3; run++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), AcdSnapshotBench.class.getName(), "restart",
                    "file=" + file).inheritIO().start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("the restart JVM failed: " + p.exitValue());
            }
        }
    }

    /** One timed start from the newest snapshot plus the events after it, in this (new) JVM. */
    private static void restartOnce(Path file) {
        AcdFixtures.Directory operators = new AcdFixtures.Directory();
        for (int i = 0; i < OPERATORS; i++) {
            operators.add("op" + i);
        }
        AcdConfig config = AcdConfig.defaults().withSnapshotEvery(100_000_000, Duration.ofDays(365));
        try (Database db = Database.sqlite(file)) { // opened and migrated before the clock starts, as at a restart
            long all = count(db, "SELECT count(*) FROM call_events");
            long after = all - count(db, "SELECT max(covers) FROM acd_snapshots");
            ManualClock clock = new ManualClock(Instant.ofEpochMilli(count(db, "SELECT max(at) FROM call_events"))
                    .plusSeconds(1));
            long t0 = System.nanoTime();
            try (AcdService acd = acd(config, new JdbcAcdEventLog(db), clock, operators)) {
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.printf("COLD restart (new JVM) from the snapshot + %,d events after it (log of %,d): %,d ms;"
                        + " waiting %d, callbacks %d%n", after, all, ms, acd.snapshot().waiting().size(),
                        acd.snapshot().callbacksPending());
            }
        }
    }

    /** {@code n} events of finished calls through the real router, appended in big batches. */
    static Instant fill(Database db, AcdFixtures.Directory operators, long n) {
        JdbcAcdEventLog log = new JdbcAcdEventLog(db);
        // a year: 8 events a call, 50 calls a round
        long rounds = Math.max(1, n / (8 * OPERATORS));
        Duration step = Duration.ofMillis(Math.max(210_000, Duration.ofDays(365).toMillis() / rounds));
        ManualClock clock = new ManualClock(AcdFixtures.T0.minus(Duration.ofDays(365)));
        Router router = new Router(AcdConfig.defaults(), operators, BusinessHours.always());
        List<AcdEvent> batch = new ArrayList<>(BATCH + 1_000);
        Consumer<List<AcdEvent>> out = events -> {
            batch.addAll(events);
            if (batch.size() >= BATCH) {
                log.append(batch);
                batch.clear();
            }
        };
        for (int i = 0; i < OPERATORS; i++) {
            out.accept(router.handle(new AcdCommand.SetOperatorState(AcdFixtures.op("op" + i), OperatorState.READY, ""),
                    clock.instant()));
        }
        long written = 0;
        long call = 0;
        while (written < n) {
            Instant roundStart = clock.instant();
            List<AcdEvent> round = new ArrayList<>();
            for (int i = 0; i < OPERATORS; i++) {
                round.addAll(router.handle(new AcdCommand.Enqueue(AcdFixtures.call("y" + (call + i),
                        Intent.values()[i % 3], clock.instant())), clock.instant()));
            }
            clock.advance(Duration.ofSeconds(5));
            for (int i = 0; i < OPERATORS; i++) {
                round.addAll(router.handle(new AcdCommand.OperatorAnswered(new CallId("y" + (call + i))), clock.instant()));
            }
            clock.advance(Duration.ofMinutes(3));
            for (int i = 0; i < OPERATORS; i++) {
                round.addAll(router.handle(new AcdCommand.CallEnded(new CallId("y" + (call + i))), clock.instant()));
            }
            clock.advance(Duration.ofSeconds(20));
            for (int i = 0; i < OPERATORS; i++) {
                round.addAll(router.handle(new AcdCommand.EndWrapUp(AcdFixtures.op("op" + i)), clock.instant()));
            }
            call += OPERATORS;
            written += round.size();
            out.accept(round);
            clock.set(roundStart.plus(step));
        }
        // the last minutes: every operator on a call, callers waiting, callbacks pending
        for (int i = 0; i < OPERATORS + 200; i++) {
            out.accept(router.handle(new AcdCommand.Enqueue(AcdFixtures.call("z" + i, Intent.values()[i % 3],
                    clock.instant())), clock.instant()));
            clock.advance(Duration.ofSeconds(1));
        }
        for (int i = 0; i < OPERATORS; i++) {
            out.accept(router.handle(new AcdCommand.OperatorAnswered(new CallId("z" + i)), clock.instant()));
        }
        for (int i = 0; i < 30; i++) {
            out.accept(router.handle(new AcdCommand.RequestCallback(new CallbackRequest(Optional.empty(),
                    Optional.empty(), "+3706100" + (1000 + i), Intent.GENERAL, 3, Tier.LINE1, Language.EN,
                    clock.instant(), Optional.of(clock.instant().plus(Duration.ofHours(12))), Optional.empty(),
                    "after hours")), clock.instant()));
        }
        log.append(batch);
        return clock.instant();
    }

    /** {@code n} more events after the snapshot: operators going on and off break (the calls in progress stay). */
    private static void appendTail(Database db, long n, ManualClock clock) {
        JdbcAcdEventLog log = new JdbcAcdEventLog(db);
        List<AcdEvent> batch = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            batch.add(new AcdEvent.PhoneRegistration(AcdFixtures.op("op" + (i % OPERATORS)), i % 2 == 1,
                    clock.instant()));
            if (batch.size() == BATCH) {
                log.append(batch);
                batch.clear();
            }
        }
        log.append(batch);
    }

    private static AcdService acd(AcdConfig config, AcdEventLog log, ManualClock clock,
                                  AcdFixtures.Directory operators) {
        return new AcdService(config, clock, log, operators, BusinessHours.always(), new RecordingConnector(),
                new RecordingSms(), new CallbackNotices("+37052000000")).start(false);
    }

    private static long count(Database db, String sql) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * The log with its stored snapshots hidden: a start replays the whole log (by position: the query of today's
     * replay plus {@code WHERE seq > 0}), then stores the first snapshot.
     */
    private static final class WholeLog implements AcdEventLog {
        private final JdbcAcdEventLog log;

        WholeLog(JdbcAcdEventLog log) {
            this.log = log;
        }

        @Override
        public void append(List<AcdEvent> events) {
            log.append(events);
        }

        @Override
        public void replay(Consumer<AcdEvent> sink) {
            log.replay(sink);
        }

        @Override
        public long replayAfter(long afterSeq, Consumer<AcdEvent> sink) {
            return log.replayAfter(afterSeq, sink);
        }

        @Override
        public boolean keepsSnapshots() {
            return true;
        }

        @Override
        public void saveSnapshot(dev.frontline.core.acd.AcdImage image, int keep) {
            log.saveSnapshot(image, keep);
        }
    }
}
