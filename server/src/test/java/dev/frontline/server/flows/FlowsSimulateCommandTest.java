package dev.frontline.server.flows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontline.core.common.Language;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.security.SlowHash;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcCustomerRepository;
import dev.frontline.server.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class FlowsSimulateCommandTest {
    @TempDir
    Path dir;
    Path config;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void demoDatabase() throws Exception {
        Path db = dir.resolve("frontline.db");
        config = dir.resolve("frontline.yaml");
        Files.writeString(config, "store:\n  url: jdbc:sqlite:" + db + "\ndesk:\n  on-duty-mobile: \"+37069999999\"\n");
        try (Database d = Database.sqlite(db)) {
            new JdbcCustomerRepository(d, Clock.systemUTC()).insertAll(List.of(new NewCustomer("5550123", "Jonas",
                    Optional.of("+37061234567"), List.of(), "", "", "Vilnius-1", "", List.of(), "active", Language.LT,
                    "jonas42", Optional.of(new SlowHash(10).hash("2468".toCharArray())))));
        }
    }

    private List<String> run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        return out.toString().lines().toList();
    }

    @Test
    void printsTheConversationOneInstructionPerLineAndRedactsSecrets() {
        List<String> lines = run("flows", "simulate", "--config", config.toString(), "--flow", "../ivr-flows/support.yaml",
                "--from", "+37061234567", "--at", "2026-11-23T10:00", "--keys", "5 2468");

        assertThat(lines).containsSubsequence("LOOKUP number +37061234567", "PLAY lt/welcome", "PLAY lt/main-menu",
                "GATHER 1 digit 6s", "CALLER presses 5", "PLAY lt/enter-pin", "GATHER up to 8 digits ending with # 10s",
                "CALLER presses 2468", "VERIFY-PIN customer=1 pin=****", "  = OK",
                "SMS +37061234567 \"[secret login-reset, 118 chars, redacted]\" (login-reset)", "PLAY lt/sms-sent",
                "HANGUP");
        assertThat(lines.get(lines.size() - 1)).startsWith("END outcome=self-served at=goodbye-sms identified=true verified=true");
        assertThat(out.toString()).doesNotContain("jonas42").doesNotContain("2468\"");
    }

    @Test
    void aDryRunWithWrongPinsNeitherCountsNorLocksTheRealCustomer() throws Exception {
        for (int i = 0; i < 3; i++) {
            run("flows", "simulate", "--config", config.toString(), "--flow", "../ivr-flows/support.yaml",
                    "--from", "+37061234567", "--at", "2026-11-23T10:00", "--keys", "5 1111");
        }
        assertThat(out.toString()).contains("  = WRONG");
        try (Database d = Database.sqlite(dir.resolve("frontline.db"));
             var c = d.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT pin_failures, locked_until FROM customers")) {
            rs.next();
            assertThat(rs.getInt(1)).as("PIN failures written by a dry run").isZero();
            rs.getLong(2);
            assertThat(rs.wasNull()).as("customer locked by a dry run").isTrue();
        }
    }

    @Test
    void queuesAfterHoursCallbacksAndAlertsInJson() throws Exception {
        List<String> lines = run("flows", "simulate", "--config", config.toString(), "--flow", "../ivr-flows/support.yaml",
                "--from", "+37061234567", "--at", "2026-11-23T22:00", "--keys", "1 1", "--json");
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = lines.stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("event").asText()).isEqualTo("CALLBACK");
            assertThat(e.get("intent").asText()).isEqualTo("technical");
        });
        assertThat(events).anySatisfy(e -> {
            assertThat(e.get("event").asText()).isEqualTo("SMS");
            assertThat(e.get("to").asText()).isEqualTo("+37069999999");
            assertThat(e.get("purpose").asText()).isEqualTo("on-duty-alert");
        });
        assertThat(events.get(events.size() - 1).get("outcome").asText()).isEqualTo("callback");
    }

    @Test
    void anUnknownCallerWaitsInTheQueueAndTheDryRunLeavesNoRows() throws Exception {
        List<String> lines = run("flows", "simulate", "--config", config.toString(), "--flow", "../ivr-flows/support.yaml",
                "--from", "+37060000000", "--at", "2026-11-23T10:00", "--keys", "2 - - 2 tick op 4");
        assertThat(lines).containsSubsequence("PLAY en/choose-language", "CALLER presses 2", "PLAY ru/enter-contract",
                "ENQUEUE sales priority=2 tier=line1 language=ru customer=-", "HOLD position=1 wait=2m announce-every=60s",
                "CALLER holds", "PLAY ru/queue-position", "PLAY ru/numbers/1", "OPERATOR answers", "PLAY ru/rate-call",
                "RATING 4", "PLAY ru/rating-thanks");
        try (Database d = Database.sqlite(dir.resolve("frontline.db"));
             var c = d.dataSource().getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT (SELECT COUNT(*) FROM calls) + (SELECT COUNT(*) FROM flow_sessions)")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void withoutFlowItSimulatesTheSupportMenuFromTheRepositoryRoot() {
        String def = Main.commandLine().getSubcommands().get("flows").getSubcommands().get("simulate")
                .getCommandSpec().findOption("--flow").defaultValue();

        // the README's example runs from the repository root without --flow; tests run in server/
        assertThat(def).isEqualTo("ivr-flows/support.yaml");
        assertThat(java.nio.file.Path.of("..").resolve(def)).isRegularFile();
    }
}
