package dev.frontline.bench;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.acd.WaitingOverTime;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a wallboard opened late in a busy day costs the server (a benchmark, not a test): a day of N calls (queued,
 * offered, answered, ended, operator ready again: 5 events each) in a SQLite event log, then the chart of the day
 * as {@code GET /api/wallboard/history} builds it: the events of the kinds it needs read back, and the buckets
 * computed. Three rounds (the first on a cold JVM).
 *
 * <pre>bench/run WallboardChartBench [calls, default 10000]</pre>
 */
public final class WallboardChartBench {
    private WallboardChartBench() {}

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("wallboard-chart");
        try (Database db = Database.sqlite(dir.resolve("events.db"))) {
            JdbcAcdEventLog log = new JdbcAcdEventLog(db);
            Instant start = Instant.parse("2026-11-23T06:00:00Z");
            OperatorId anna = new OperatorId("anna");
            List<AcdEvent> batch = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                Instant at = start.plusMillis(i * 3000L);
                CallId id = new CallId("c" + i);
                QueuedCall q = new QueuedCall(id, Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, Optional.empty(),
                        "+37060000000", Backend.SIM, at);
                batch.add(new AcdEvent.CallQueued(id, q, at));
                batch.add(new AcdEvent.CallOffered(id, anna, "sim:anna", at.plusSeconds(20)));
                batch.add(new AcdEvent.CallAnswered(id, anna, at.plusSeconds(25)));
                batch.add(new AcdEvent.CallEnded(id, anna, at.plusSeconds(200)));
                batch.add(new AcdEvent.OperatorStateChanged(anna, OperatorState.READY, "", at.plusSeconds(230)));
                if (batch.size() >= 5_000) {
                    log.append(batch);
                    batch.clear();
                }
            }
            log.append(batch);
            Instant now = start.plusMillis(calls * 3000L);
            Duration bucket = Duration.ofSeconds(320);
            for (int round = 1; round <= 3; round++) {
                long t0 = System.nanoTime();
                List<AcdEvent> events = log.since(start, WaitingOverTime.KINDS);
                long t1 = System.nanoTime();
                List<WaitingOverTime.Point> points = WaitingOverTime.of(events, start, now, bucket);
                long t2 = System.nanoTime();
                System.out.printf("WallboardChartBench round %d: %,d calls (%,d events logged); %,d events of the chart's"
                        + " kinds read in %.0f ms, %d buckets computed in %.0f ms%n", round, calls, calls * 5L,
                        events.size(), (t1 - t0) / 1e6, points.size(), (t2 - t1) / 1e6);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
