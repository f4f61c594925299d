package dev.frontline.core.store;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.common.OperatorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Break reasons logged as the operator's translated label (before V74) become codes; other reasons stay as they were. */
class BreakReasonMigrationTest {
    static final Instant T = Instant.parse("2026-11-20T09:00:00Z");

    @Test
    void translatedLabelsOfOldBreaksBecomeCodes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.db");
        try (Database db = Database.sqlite(file)) {
            new JdbcAcdEventLog(db).append(List.of(
                    new AcdEvent.OperatorStateChanged(new OperatorId("anna"), OperatorState.BREAK, "Обед", T),
                    new AcdEvent.OperatorStateChanged(new OperatorId("bob"), OperatorState.BREAK, "Lunch", T.plusSeconds(1)),
                    new AcdEvent.OperatorStateChanged(new OperatorId("carl"), OperatorState.BREAK, "Техническая проблема", T.plusSeconds(2)),
                    new AcdEvent.OperatorStateChanged(new OperatorId("dina"), OperatorState.BREAK, "Technical problem", T.plusSeconds(3)),
                    new AcdEvent.OperatorStateChanged(new OperatorId("eve"), OperatorState.BREAK, "Обучение", T.plusSeconds(4)),
                    new AcdEvent.OperatorStateChanged(new OperatorId("fred"), OperatorState.READY, "Lunch", T.plusSeconds(5)),
                    new AcdEvent.OperatorStateChanged(new OperatorId("gus"), OperatorState.BREAK, "coffee", T.plusSeconds(6))));
            db.flush();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().executeUpdate("DELETE FROM flyway_schema_history WHERE version = '74'");
        }

        List<String> reasons = new ArrayList<>();
        try (Database db = Database.sqlite(file)) {
            new JdbcAcdEventLog(db).replay(e -> reasons.add(((AcdEvent.OperatorStateChanged) e).reason()));
        }

        assertThat(reasons).containsExactly("lunch", "lunch", "technical", "technical", "training",
                "Lunch", "coffee");
    }
}
