package dev.frontline.bench;

import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdFixtures;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.acd.ManualClock;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.RecordingConnector;
import dev.frontline.core.acd.RecordingSms;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;

/**
 * How long an ACD restart takes today, when it replays the whole {@code call_events} log (issue 23's baseline for
 * snapshots): fills a SQLite file through a real ACD (calls queued, offered, answered, ended, operators through
 * wrap-up) until it holds {@code events} events, then times {@code AcdService.start} three times.
 * Usage: {@code bench/run AcdRestartBench [events=1000000]}.
 */
public final class AcdRestartBench {
    private static final int OPERATORS = 50;

    public static void main(String[] args) throws Exception {
        long target = args.length > 0 ? Long.parseLong(args[0].replace("events=", "")) : 1_000_000;
        Path file = Files.createTempDirectory("acd-restart").resolve("acd.db");
        ManualClock clock = new ManualClock(AcdFixtures.T0);
        AcdFixtures.Directory operators = new AcdFixtures.Directory();
        for (int i = 0; i < OPERATORS; i++) {
            operators.add("op" + i);
        }
        long filled;
        long started = System.nanoTime();
        try (Database db = Database.sqlite(file)) {
            AcdService acd = acd(db, clock, operators);
            for (int i = 0; i < OPERATORS; i++) {
                acd.setOperatorState(AcdFixtures.op("op" + i), OperatorState.READY, "");
            }
            long call = 0;
            while ((filled = count(db)) < target) {
                for (int b = 0; b < 20; b++) {
                    for (int i = 0; i < OPERATORS; i++) {
                        acd.enqueue(AcdFixtures.call("c" + (call + i), Intent.values()[i % Intent.values().length],
                                clock.instant()));
                    }
                    clock.advance(Duration.ofSeconds(5));
                    for (int i = 0; i < OPERATORS; i++) {
                        acd.operatorAnswered(new CallId("c" + (call + i)));
                    }
                    clock.advance(Duration.ofMinutes(3));
                    for (int i = 0; i < OPERATORS; i++) {
                        acd.callEnded(new CallId("c" + (call + i)));
                    }
                    for (int i = 0; i < OPERATORS; i++) {
                        acd.endWrapUp(AcdFixtures.op("op" + i));
                    }
                    call += OPERATORS;
                }
                acd.sync();
            }
            acd.close();
        }
        System.out.printf("filled %s with %,d events in %.1f s%n", file, filled,
                (System.nanoTime() - started) / 1e9);
        try (Database db = Database.sqlite(file)) {
            for (int run = 1; run <= 3; run++) {
                long t0 = System.nanoTime();
                AcdService acd = acd(db, clock, operators);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                acd.close();
                System.out.printf("restart %d (full replay of %,d events): %,d ms, %,.0f events/s; 40 M events at"
                        + " this rate: ~%.0f s%n", run, filled, ms, filled * 1000.0 / ms, 40e6 / (filled * 1000.0 / ms));
            }
        }
    }

    private static AcdService acd(Database db, ManualClock clock, AcdFixtures.Directory operators) {
        return new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db), operators, BusinessHours.always(),
                new RecordingConnector(), new RecordingSms(), new CallbackNotices("+37052000000")).start(false);
    }

    private static long count(Database db) {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM call_events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
