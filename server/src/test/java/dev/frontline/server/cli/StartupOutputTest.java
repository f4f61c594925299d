package dev.frontline.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an admin sees when the installed server starts (found installing the Debian package): a refused start is the
 * one line that says why, not preceded by twenty lines of the logging library's own status (logback printed them
 * because the shipped logback.xml used an attribute it deprecated).
 */
class StartupOutputTest {
    @TempDir
    Path dir;

    @Test
    void aRefusedStartPrintsOnlyWhy() throws Exception {
        Path yaml = Files.writeString(dir.resolve("frontline.yaml"), "store:\n  url: jdbc:sqlite:" + dir.resolve("f.db")
                + "\nflows:\n  dir: ../ivr-flows\n");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"),
                // the shipped configuration, not the tests' logback-test.xml that core's test jar puts first
                "-Dlogback.configurationFile=" + Path.of("target/classes/logback.xml").toAbsolutePath(),
                "dev.frontline.server.Main", "serve", "--config", yaml.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(out).doesNotContain("ch.qos.logback");
        assertThat(out.strip()).startsWith("frontline: asterisk.enabled, twilio.enabled, sim.enabled: no telephony"
                + " backend is enabled");
        assertThat(p.exitValue()).isNotZero();
    }
}
