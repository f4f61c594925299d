package dev.frontline.server.cluster;

import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.store.StoreException;
import dev.frontline.server.FrontlineServer;
import dev.frontline.server.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * One SQLite file serves one server: a second {@code frontline serve} on the same file would start a second ACD,
 * replay the same log and route the same callers twice, so it refuses to start and says why.
 */
class OneServerPerSqliteFileTest {
    @TempDir
    Path dir;

    private FrontlineConfig config(Path db) {
        return FrontlineConfig.parse("store:\n  url: jdbc:sqlite:" + db + "\nsim:\n  enabled: true\n"
                + "flows:\n  dir: ../ivr-flows\napi:\n  bind: 127.0.0.1\n  port: 0\n", "test", Map.of());
    }

    @Test
    void aSecondServerOnTheSameSqliteFileRefusesToStartWithAClearMessage() {
        Path db = dir.resolve("desk.db");
        try (FrontlineServer first = FrontlineServer.start(config(db), FrontlineServer.Options.production())) {
            StoreException e = assertThrows(StoreException.class,
                    () -> FrontlineServer.start(config(db), FrontlineServer.Options.production()).close());

            assertThat(e.getMessage()).contains("another frontline server").contains(db.toString())
                    .contains("PostgreSQL");
            assertThat(first.acd().snapshot()).isNotNull(); // the first one keeps serving
        }
    }

    @Test
    void theFileIsFreeAgainOnceTheFirstServerStops() {
        Path db = dir.resolve("desk.db");
        FrontlineServer.start(config(db), FrontlineServer.Options.production()).close();

        try (FrontlineServer again = FrontlineServer.start(config(db), FrontlineServer.Options.production())) {
            assertThat(again.acd().snapshot()).isNotNull();
        }
    }

    @Test
    void theCommandLineSaysItInOneLine() throws Exception {
        Path db = dir.resolve("desk.db");
        Path yaml = dir.resolve("frontline.yaml");
        Files.writeString(yaml, "store:\n  url: jdbc:sqlite:" + db + "\nsim:\n  enabled: true\n"
                + "flows:\n  dir: ../ivr-flows\napi:\n  bind: 127.0.0.1\n  port: 0\n");
        try (FrontlineServer first = FrontlineServer.start(config(db), FrontlineServer.Options.production())) {
            StringWriter err = new StringWriter();
            picocli.CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));

            int code = cl.execute("serve", "--config", yaml.toString());

            assertThat(code).isEqualTo(2);
            assertThat(err.toString()).startsWith("frontline: another frontline server").doesNotContain("\tat ")
                    .hasLineCount(1);
        }
    }
}
