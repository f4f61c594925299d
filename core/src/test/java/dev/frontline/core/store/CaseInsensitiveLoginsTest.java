package dev.frontline.core.store;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.security.SlowHash;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 20 item 10: V93 on a SQLite store that already has {@code WENDY} and {@code wendy}. (That a login is one
 * account whatever its case is in {@link FoundationStoreContract}, on SQLite and PostgreSQL.)
 */
class CaseInsensitiveLoginsTest {
    static final SlowHash HASH = new SlowHash(10);

    @TempDir
    Path dir;

    private static NewOperator operator(String login) {
        return new NewOperator(login, "Wendy", HASH.hash("secret1".toCharArray()), Operator.Role.OPERATOR,
                Set.of(Tier.LINE1), Set.of(Intent.GENERAL), Set.of(Language.EN), "sim:" + login, Optional.empty());
    }

    @Test
    void twoAccountsDifferingOnlyInCaseBeforeTheMigrationLeaveOneThatLogsIn() {
        Path file = dir.resolve("old.db");
        try (Database db = Database.sqlite(file)) { // as a store before V93: two accounts, WENDY the younger
            db.inTransaction(c -> {
                c.createStatement().execute("DROP INDEX IF EXISTS operators_login_ci");
                c.createStatement().execute("DELETE FROM flyway_schema_history WHERE version = '93'");
                return null;
            });
            JdbcOperatorRepository ops = new JdbcOperatorRepository(db, HASH, Clock.offset(Clock.systemUTC(),
                    java.time.Duration.ofDays(-1)));
            ops.insertAll(List.of(operator("wendy")));
            new JdbcOperatorRepository(db, HASH, Clock.systemUTC()).insertAll(List.of(operator("WENDY")));
        }
        try (Database db = Database.sqlite(file)) { // migrated again
            List<String> rows = db.read(c -> {
                List<String> out = new ArrayList<>();
                try (ResultSet rs = c.createStatement().executeQuery("SELECT login, active FROM operators ORDER BY created_at")) {
                    while (rs.next()) {
                        out.add(rs.getString(1) + " " + rs.getInt(2));
                    }
                }
                return out;
            });
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0)).isEqualTo("wendy 1");
            assertThat(rows.get(1)).as("the younger account, renamed and off").matches("WENDY#\\d+ 0");
            JdbcOperatorRepository ops = new JdbcOperatorRepository(db, HASH, Clock.systemUTC());
            assertThat(ops.authenticate("WENDY", "secret1".toCharArray())).map(o -> o.id().value()).contains("wendy");
        }
    }
}
