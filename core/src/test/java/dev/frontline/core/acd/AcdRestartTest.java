package dev.frontline.core.acd;

import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Kills a JVM running the ACD mid-traffic and restarts on the same SQLite file: nobody lost, nobody twice. */
class AcdRestartTest {

    @Test
    void aKilledProcessLosesAndDuplicatesNobody(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("acd.db");
        Set<String> acked = new LinkedHashSet<>();
        Set<String> callbacks = new HashSet<>();
        runChildUntilKilled(file.toString(), "first", 60, acked, callbacks);
        runChildUntilKilled(file.toString(), "second", 60, acked, callbacks);
        try (Database db = Database.sqlite(file)) {
            assertNobodyLostOrTwice(db, acked, callbacks);
        }
    }

    /** After the kills, an ACD started on {@code db} finds every acknowledged caller exactly once, where it was. */
    static void assertNobodyLostOrTwice(Database db, Set<String> acked, Set<String> callbacks) {
        try (AcdService acd = new AcdService(AcdConfig.defaults(), new ManualClock(Instant.now()),
                     new JdbcAcdEventLog(db), new AcdFixtures.Directory().add("anna").add("bob").add("carl"),
                     BusinessHours.always(), new RecordingConnector(), new RecordingSms(), new CallbackNotices(""))
                     .start(false)) {
            AcdSnapshot s = acd.snapshot();
            Map<String, Integer> queuedRows = countPerCall(db, "CallQueued");
            Map<String, String> fate = lastCallEvent(db);
            Set<String> withOperator = new HashSet<>();
            s.operators().forEach(o -> o.currentCall().ifPresent(c -> withOperator.add(c.value())));
            Set<String> calledBackInStore = db.inTransaction(c -> {
                Set<String> out = new HashSet<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT call_id FROM callbacks")) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
                return out;
            });
            assertThat(calledBackInStore).containsAll(callbacks);
            for (String id : acked) {
                assertThat(queuedRows.get(id)).as("CallQueued rows of acknowledged %s", id).isEqualTo(1);
                boolean waiting = s.waiting().containsKey(new CallId(id));
                boolean talking = withOperator.contains(id);
                boolean finished = Set.of("CallEnded", "CallAbandoned").contains(fate.get(id));
                boolean calledBack = calledBackInStore.contains(id);
                assertThat(waiting && talking).as("%s waiting and with an operator", id).isFalse();
                assertThat(waiting || talking || finished || calledBack).as("%s is somewhere (last: %s)", id, fate.get(id))
                        .isTrue();
            }
            // every call in the log is where its last logged event left it, exactly once
            for (Map.Entry<String, String> e : fate.entrySet()) {
                String id = e.getKey();
                if (id.startsWith("cb-")) {
                    continue; // callback conversations
                }
                assertThat(queuedRows.get(id)).as("CallQueued rows of %s", id).isEqualTo(1);
                boolean waiting = s.waiting().containsKey(new CallId(id));
                boolean talking = withOperator.contains(id);
                switch (e.getValue()) {
                    case "CallQueued", "CallRequeued", "PriorityChanged", "SlaBreached" ->
                            assertThat(waiting && !talking).as("%s waits", id).isTrue();
                    case "CallOffered", "CallAnswered" -> assertThat(talking && !waiting).as("%s is with an operator", id).isTrue();
                    case "CallEnded", "CallAbandoned" -> assertThat(waiting || talking).as("%s is gone", id).isFalse();
                    case "CallbackQueued" -> assertThat(calledBackInStore).contains(id);
                    default -> { }
                }
            }
            long callbackRows = scalar(db, "SELECT count(*) FROM callbacks");
            long distinctFrom = scalar(db, "SELECT count(DISTINCT call_id) FROM callbacks");
            assertThat(callbackRows).isEqualTo(distinctFrom).isGreaterThanOrEqualTo(callbacks.size());
            long open = scalar(db, "SELECT count(*) FROM callbacks WHERE state IN ('scheduled', 'offered')");
            assertThat(s.callbacksPending()).isEqualTo((int) open);

            // a backend retrying an enqueue after the restart does not make a second caller
            assertThat(s.waiting()).as("callers still waiting at the kill").isNotEmpty();
            String someone = s.waiting().keySet().iterator().next().value();
            acd.enqueue(AcdFixtures.call(someone, dev.frontline.core.common.Intent.SALES, Instant.now()));
            acd.sync();
            assertThat(countPerCall(db, "CallQueued").get(someone)).isEqualTo(1);
        }
    }

    /** Runs {@link AcdRestartChild} on {@code store} (a SQLite file or a JDBC URL) and SIGKILLs it after {@code acks}. */
    static void runChildUntilKilled(String store, String prefix, int acks, Set<String> acked, Set<String> callbacks)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=none", AcdRestartChild.class.getName(), store, prefix)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            int seen = 0;
            String line;
            while (seen < acks && (line = in.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acked.add(line.substring(4));
                    seen++;
                } else if (line.startsWith("CB ")) {
                    callbacks.add(line.substring(3));
                }
            }
            assertThat(seen).as("acknowledged calls before the kill").isEqualTo(acks);
            p.destroyForcibly();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
    }

    private static Map<String, Integer> countPerCall(Database db, String type) {
        return db.inTransaction(c -> {
            Map<String, Integer> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT call_id, count(*) FROM call_events WHERE type = ? GROUP BY call_id")) {
                ps.setString(1, type);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
            return out;
        });
    }

    private static Map<String, String> lastCallEvent(Database db) {
        return db.inTransaction(c -> {
            Map<String, String> out = new HashMap<>();
            try (ResultSet rs = c.createStatement().executeQuery(
                    "SELECT call_id, type FROM call_events WHERE call_id IS NOT NULL ORDER BY seq")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    private static long scalar(Database db, String sql) {
        return db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
