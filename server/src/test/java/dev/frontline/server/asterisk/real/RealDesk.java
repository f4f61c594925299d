package dev.frontline.server.asterisk.real;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.operator.NewOperator;
import dev.frontline.core.operator.Operator;
import dev.frontline.server.FrontlineServer;
import dev.frontline.server.cli.Stores;
import dev.frontline.server.testing.DeskClient;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code frontline serve} as an admin runs it against the real PBX: SQLite file, FastAGI and AMI from the config
 * (the AMI secret from the environment), customers and operators in the store, operators on the real desktop API.
 */
final class RealDesk implements AutoCloseable {
    static final String JONAS = "+37061111111";     // English, PIN 1234, mobile on file
    static final String OLGA = "+37062222222";      // Russian
    static final String PIN = "1234";

    final Path dir;
    final FrontlineServer server;
    final DeskClient http;
    final Path db;
    private final Map<String, DeskClient.Socket> desks = new LinkedHashMap<>();

    private RealDesk(Path dir, FrontlineServer server, Path db) {
        this.dir = dir;
        this.server = server;
        this.db = db;
        this.http = new DeskClient(server.port());
    }

    /**
     * @param extraAsterisk further lines under {@code asterisk:} (two spaces indented), may be empty
     * @param operators     logins; each one's phone is {@code Local/<login>@test-phones}
     */
    static RealDesk start(Path dir, Path repo, int agiPort, int amiPort, String extraAsterisk, String extraYaml,
                          List<String> operators) throws Exception {
        return startWith(dir, repo, "asterisk:\n  enabled: true\n  port: " + agiPort + "\n"
                + "  sounds: " + repo.resolve("sounds") + "\n"
                + extraAsterisk
                + "  ami:\n    port: " + amiPort + "\n    reconnect-min: 200ms\n    reconnect-max: 2s\n", extraYaml, operators);
    }

    /** As {@link #start}, with the whole {@code asterisk:} section given (e.g. several PBXs). */
    static RealDesk startWith(Path dir, Path repo, String asteriskSection, String extraYaml, List<String> operators)
            throws Exception {
        Path db = dir.resolve("frontline.db");
        String yaml = "store:\n  url: jdbc:sqlite:" + db + "\n"
                + "flows:\n  dir: " + repo.resolve("ivr-flows") + "\n"
                + "desk:\n  hours: {mon-sun: 00:00-24:00}\n  number: \"+37052000000\"\n"
                + asteriskSection
                + "api:\n  port: 0\n"
                + extraYaml;
        FrontlineConfig config = FrontlineConfig.parse(yaml, dir.resolve("frontline.yaml").toString(),
                Map.of(FrontlineConfig.ENV_AMI_SECRET, RealPbx.FRONTLINE_SECRET));
        Clock clock = Clock.systemUTC();
        try (Stores stores = Stores.open(config, clock)) {
            String pinHash = stores.slowHash().hash(PIN.toCharArray());
            String pwHash = stores.slowHash().hash("pw".toCharArray());
            stores.database().inTransaction(c -> {
                List<NewOperator> ops = new ArrayList<>();
                for (String spec : operators) { // "anna" works lines 1 and 2, "anna@1" line 1 only, "boris@2" line 2
                    String login = spec.split("@")[0];
                    Set<Tier> lines = spec.endsWith("@1") ? Set.of(Tier.LINE1) : spec.endsWith("@2") ? Set.of(Tier.LINE2)
                            : Set.of(Tier.LINE1, Tier.LINE2);
                    ops.add(new NewOperator(login, login, pwHash, Operator.Role.OPERATOR, lines,
                            Set.of(Intent.values()), Set.of(Language.values()), "Local/" + login + "@test-phones",
                            Optional.empty()));
                }
                ops.add(new NewOperator("sam", "Sam", pwHash, Operator.Role.SUPERVISOR, Set.of(Tier.LINE1),
                        Set.of(Intent.values()), Set.of(Language.values()), "Local/sam@test-phones", Optional.empty()));
                stores.operators().insertAll(c, ops);
                stores.customers().insertAll(c, List.of(
                        new NewCustomer("100200", "Jonas Jonaitis", Optional.of(JONAS), List.of(), "",
                                "Laisves al. 1", "Kaunas", "Fiber 300", List.of("internet"), "active", Language.EN,
                                "jonas", Optional.of(pinHash)),
                        new NewCustomer("100300", "Olga Petrova", Optional.of(OLGA), List.of(), "",
                                "Gedimino pr. 2", "Vilnius", "TV Max", List.of("tv"), "active", Language.RU,
                                "olga", Optional.of(pinHash))));
                return null;
            });
        }
        FrontlineServer server = FrontlineServer.start(config, FrontlineServer.Options.production().withPort(0));
        return new RealDesk(dir, server, db);
    }

    /** Logs {@code login} in on the desktop API and sets Ready. */
    DeskClient.Socket ready(String login) throws Exception {
        DeskClient.Socket s = desks.computeIfAbsent(login, l -> http.connect(http.login(l, "pw")));
        s.await(ServerMessage.Welcome.class, 5);
        ServerMessage r = s.reply(s.send(new ClientMessage.SetState(s.nextId(), OperatorState.READY, null)));
        assertThat(r).isInstanceOf(ServerMessage.Ack.class);
        return s;
    }

    DeskClient.Socket desk(String login) {
        return desks.get(login);
    }

    /** The rows of {@code sql} (one string per column) from the store file, read as a reporting tool would. */
    List<List<String>> query(String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    /** The logged ACD event types of one call, in order. */
    List<String> eventTypes(String callId) throws SQLException {
        return query("SELECT type FROM call_events WHERE call_id = ? ORDER BY seq", callId).stream()
                .map(r -> r.get(0)).toList();
    }

    static void eventually(Duration max, String what, BooleanSupplier ok) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (ok.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within " + max + ": " + what);
    }

    @Override
    public void close() {
        desks.values().forEach(DeskClient.Socket::close);
        server.close();
    }
}
