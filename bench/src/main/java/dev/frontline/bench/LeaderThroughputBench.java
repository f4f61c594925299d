package dev.frontline.bench;

import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.AcdFixtures;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.acd.ManualClock;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.acd.RecordingConnector;
import dev.frontline.core.acd.RecordingSms;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.cluster.PgLeadership;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.store.AppendFence;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.PostgresTestDatabase;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ACD's throughput and routing latency with its log on PostgreSQL (the elected leader, every append fenced by
 * the epoch), beside PostgreSQL without the fence and the single-server SQLite file, in the same run: {@code calls}
 * calls go through queued, offered, answered, ended and wrap-up (50 operators, batches of 50 calls); latency is
 * enqueue to the logged {@code CallOffered}. Usage: {@code bench/run LeaderThroughputBench [calls=20000]}.
 */
public final class LeaderThroughputBench {
    private static final int OPERATORS = 50;

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0].replace("calls=", "")) : 20_000;
        for (int round = 1; round <= 2; round++) { // the first round warms the JIT up
            try (Database sqlite = Database.sqlite(Files.createTempDirectory("leader-bench").resolve("acd.db"))) {
                run("SQLite, one server", sqlite, AppendFence.NONE, calls, round);
            }
            try (Database pg = PostgresTestDatabase.fresh()) {
                run("PostgreSQL, no fence", pg, AppendFence.NONE, calls, round);
            }
            try (Database pg = PostgresTestDatabase.fresh()) {
                String url = ((com.zaxxer.hikari.HikariDataSource) pg.dataSource()).getJdbcUrl();
                dev.frontline.core.cluster.EpochFence fence = new dev.frontline.core.cluster.EpochFence();
                try (PgLeadership leader = new PgLeadership(url, "postgres", "postgres", "bench", Duration.ofSeconds(2),
                        new PgLeadership.Listener() {
                            @Override
                            public void elected(long epoch) {
                                fence.hold(epoch);
                            }

                            @Override
                            public void deposed(String why) {
                                fence.hold(dev.frontline.core.cluster.EpochFence.NONE);
                            }
                        }, Runnable::run)) {
                    leader.tick();
                    run("PostgreSQL, leader + epoch fence", pg, fence, calls, round);
                }
            }
        }
    }

    private static void run(String name, Database db, AppendFence fence, int calls, int round) {
        ManualClock clock = new ManualClock(AcdFixtures.T0);
        AcdFixtures.Directory operators = new AcdFixtures.Directory();
        for (int i = 0; i < OPERATORS; i++) {
            operators.add("op" + i);
        }
        AcdService acd = new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db, fence), operators,
                BusinessHours.always(), new RecordingConnector(), new RecordingSms(), new CallbackNotices("+37052000000"))
                .start(false);
        Map<CallId, Long> enqueued = new ConcurrentHashMap<>();
        long[] latency = new long[calls];
        int[] offered = {0};
        acd.subscribe(e -> {
            if (e instanceof AcdEvent.CallOffered o) {
                Long t = enqueued.remove(o.callId());
                if (t != null && offered[0] < calls) {
                    latency[offered[0]++] = System.nanoTime() - t;
                }
            }
        });
        for (int i = 0; i < OPERATORS; i++) {
            acd.setOperatorState(AcdFixtures.op("op" + i), OperatorState.READY, "");
        }
        acd.sync();
        long t0 = System.nanoTime();
        for (int c = 0; c < calls; c += OPERATORS) {
            for (int i = 0; i < OPERATORS; i++) {
                CallId id = new CallId("c" + (c + i));
                enqueued.put(id, System.nanoTime());
                acd.enqueue(AcdFixtures.call(id.value(), Intent.values()[i % Intent.values().length], clock.instant()));
            }
            clock.advance(Duration.ofSeconds(5));
            acd.sync();
            for (int i = 0; i < OPERATORS; i++) {
                acd.operatorAnswered(new CallId("c" + (c + i)));
            }
            for (int i = 0; i < OPERATORS; i++) {
                acd.callEnded(new CallId("c" + (c + i)));
            }
            for (int i = 0; i < OPERATORS; i++) {
                acd.endWrapUp(AcdFixtures.op("op" + i));
            }
            acd.sync();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        acd.close();
        long[] l = Arrays.copyOf(latency, offered[0]);
        Arrays.sort(l);
        System.out.printf("round %d, %-34s %,d calls in %.1f s: %,.0f calls/s; enqueue -> offered p50 %.2f ms,"
                        + " p99 %.2f ms%n", round, name + ":", calls, seconds, calls / seconds,
                l[l.length / 2] / 1e6, l[(int) (l.length * 0.99)] / 1e6);
    }
}
