package dev.frontline.server.asterisk.real;

import dev.frontline.core.common.Language;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import dev.frontline.server.cli.Stores;
import dev.frontline.server.testing.ServeProcess;
import org.asteriskjava.manager.event.AgiExecStartEvent;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.frontline.server.asterisk.real.RealDesk.JONAS;
import static dev.frontline.server.asterisk.real.RealDesk.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 23 on a real Asterisk 22: two {@code frontline serve} JVMs on one PostgreSQL (a leader, a standby with its
 * ports closed) and the shipped dialplan with {@code FRONTLINE_HOST2}. A caller is in the menu on the leader when it
 * is killed (SIGKILL); the PBX sends the channel to the second server, retrying while it takes over, and the caller
 * hears the same question again there, not the welcome, and goes on through the menu. Skipped without
 * {@value RealPbx#ENV}.
 */
@org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable(named = RealPbx.ENV, matches = ".*\\S.*",
        disabledReason = "skipped: set FRONTLINE_ASTERISK_HOME to an Asterisk 22 install prefix to run against a real PBX")
class RealAsteriskFailoverIT {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Duration T = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aCallerInTheMenuOfAKilledLeaderGoesOnAtTheSameQuestionOnTheStandby() throws Exception {
        Optional<Path> install = RealPbx.install();
        Assumptions.assumeTrue(install.isPresent(), RealPbx.ENV + " is not set to an Asterisk install");
        int agiA = RealPbx.freePort();
        int agiB = RealPbx.freePort();
        String url;
        try (Database created = PostgresTestDatabase.fresh()) {
            url = ((com.zaxxer.hikari.HikariDataSource) created.dataSource()).getJdbcUrl();
        }
        try (RealPbx pbx = RealPbx.start(install.get(), dir.resolve("pbx"), REPO, agiA, agiB)) {
            Path a = config("fl-a", url, agiA, pbx.amiPort());
            Path b = config("fl-b", url, agiB, pbx.amiPort());
            seed(a);
            Process leader = serve(a, dir.resolve("fl-a.log"));
            Process standby = null;
            try (Database db = Database.open(url, "postgres", "postgres")) {
                eventually(T, "fl-a leads", () -> "fl-a".equals(holder(db)));
                standby = serve(b, dir.resolve("fl-b.log"));
                eventually(T, "fl-b waits as the standby", () -> standbyConnected(db));

                String id = "fo" + System.nanoTime() % 1_000_000_000L;
                RealPbx.Caller jonas = pbx.call(id, JONAS);
                pbx.await(AgiExecStartEvent.class, e -> id.equals(e.getUniqueId()) && e.getCommand() != null
                        && e.getCommand().replace("\"", "").startsWith("STREAM FILE " + REPO.resolve("sounds")
                        + "/en/main-menu"), T);
                eventually(T, "the menu's session stored", () -> node(db, id).equals("main-menu"));

                leader.destroyForcibly(); // SIGKILL: the caller's FastAGI connection dies with it
                assertThat(leader.waitFor(20, TimeUnit.SECONDS)).isTrue();

                eventually(T, "fl-b leads", () -> "fl-b".equals(holder(db)));
                long menus = 0;
                long until = System.nanoTime() + T.toNanos();
                while (menus < 2 && System.nanoTime() < until) {
                    menus = pbx.all(AgiExecStartEvent.class, e -> id.equals(e.getUniqueId()) && e.getCommand() != null
                            && e.getCommand().contains("/en/main-menu")).stream()
                            .filter(e -> e.getCommand().startsWith("STREAM FILE")).count();
                    Thread.sleep(100);
                }
                assertThat(menus).as("the main menu played again, on the standby").isEqualTo(2);
                assertThat(pbx.all(AgiExecStartEvent.class, e -> id.equals(e.getUniqueId())
                        && e.getCommand() != null && e.getCommand().startsWith("STREAM FILE")
                        && e.getCommand().contains("/en/welcome"))).as("the welcome, once").hasSize(1);
                assertThat(pbx.all(TestFallbackEvent.class, e -> JONAS.equals(e.getCaller()))).as("fallback phones rung").isEmpty();

                jonas.press("4"); // my contract number: the menu goes on on the new leader
                eventually(T, "the call went on past the menu", () -> !node(db, id).equals("main-menu"));
                assertThat(trail(db, id)).contains("resumed at main-menu");
                jonas.hangUp();
            } finally {
                leader.destroyForcibly().waitFor();
                if (standby != null) {
                    standby.destroyForcibly().waitFor();
                }
            }
        }
    }

    private Path config(String id, String url, int agiPort, int amiPort) throws Exception {
        Path yaml = dir.resolve(id + ".yaml");
        Files.writeString(yaml, "store:\n  url: " + url + "\n  user: postgres\n  password: postgres\n"
                + "flows:\n  dir: " + REPO.resolve("ivr-flows") + "\n"
                + "desk:\n  hours: {mon-sun: 00:00-24:00}\n  number: \"+37052000000\"\n"
                + "asterisk:\n  enabled: true\n  port: " + agiPort + "\n  sounds: " + REPO.resolve("sounds") + "\n"
                + "  ami:\n    port: " + amiPort + "\n    reconnect-min: 200ms\n    reconnect-max: 2s\n"
                + "api:\n  port: 0\n"
                + "cluster:\n  server-id: " + id + "\n  lease: 2s\n  heartbeat: 500ms\n");
        return yaml;
    }

    private static void seed(Path yaml) throws Exception {
        FrontlineConfig config = FrontlineConfig.parse(Files.readString(yaml), yaml.toString(),
                Map.of(FrontlineConfig.ENV_AMI_SECRET, RealPbx.FRONTLINE_SECRET));
        try (Stores stores = Stores.open(config, Clock.systemUTC())) {
            stores.database().inTransaction(c -> {
                stores.customers().insertAll(c, List.of(new NewCustomer("100200", "Jonas Jonaitis",
                        Optional.of(JONAS), List.of(), "", "Laisves al. 1", "Kaunas", "Fiber 300", List.of("internet"),
                        "active", Language.EN, "jonas", Optional.empty())));
                return null;
            });
        }
    }

    private static Process serve(Path yaml, Path log) throws Exception {
        return ServeProcess.start(yaml, log, Map.of(FrontlineConfig.ENV_AMI_SECRET, RealPbx.FRONTLINE_SECRET),
                "-Xmx256m");
    }

    private static String holder(Database db) {
        return text(db, "SELECT holder FROM acd_leader");
    }

    private static boolean standbyConnected(Database db) {
        return !text(db, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'frontline:fl-b'").equals("0");
    }

    /** The node the stored flow session is at ({@code state} is the session as JSON). */
    private static String node(Database db, String callId) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"node\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(text(db, "SELECT state FROM flow_sessions WHERE call_id = '" + callId + "'"));
        return m.find() ? m.group(1) : "";
    }

    private static String trail(Database db, String callId) {
        return text(db, "SELECT trail FROM calls WHERE call_id = '" + callId + "'");
    }

    private static String text(Database db, String sql) {
        return db.read(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                return rs.next() && rs.getString(1) != null ? rs.getString(1) : "";
            }
        });
    }
}
