package dev.frontline.server.cli;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.FrontlineConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigOptionTest {

    @CommandLine.Command(name = "probe")
    static final class Probe implements Runnable {
        @CommandLine.Mixin
        ConfigOption config;

        @Override
        public void run() {
        }
    }

    private static ConfigOption parse(String... args) {
        Probe p = new Probe();
        new CommandLine(p).parseArgs(args);
        return p.config;
    }

    @Test
    void withoutOptionTheLocalFileIsRead(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("frontline.yaml"), "security:\n  pin-attempts: 7\n");
        assertThat(parse().load(Map.of(), dir).security().pinAttempts()).isEqualTo(7);
    }

    @Test
    void withoutOptionOrFileTheDefaultsApply(@TempDir Path dir) {
        FrontlineConfig c = parse().load(Map.of(), dir);
        assertThat(c.source()).isEmpty();
        assertThat(c.security().pinAttempts()).isEqualTo(3);
    }

    @Test
    void namedFileIsReadAndAMissingOneIsAnError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("other.yaml");
        Files.writeString(f, "desk:\n  default-region: PL\n");
        assertThat(parse("--config", f.toString()).load(Map.of(), dir).desk().defaultRegion()).isEqualTo("PL");
        Path missing = dir.resolve("missing.yaml");
        assertThat(assertThrows(ConfigException.class, () -> parse("--config", missing.toString()).load(Map.of(), dir))
                .getMessage()).contains("missing.yaml").contains("no such configuration file");
    }

    @Test
    void storesOpenTheConfiguredDatabase(@TempDir Path dir) {
        String url = "jdbc:sqlite:" + dir.resolve("sub/x.db");
        FrontlineConfig c = FrontlineConfig.parse("store:\n  url: " + url + "\n", "t", Map.of());
        try (Stores s = Stores.open(c, Clock.systemUTC())) {
            assertThat(s.customers().count()).isZero();
        }
        assertThat(dir.resolve("sub/x.db")).exists();
    }
}
