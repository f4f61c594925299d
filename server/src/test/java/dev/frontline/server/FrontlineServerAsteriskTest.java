package dev.frontline.server;

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
import dev.frontline.server.asterisk.peer.FakeAsteriskAgi;
import dev.frontline.server.asterisk.peer.FakeAsteriskAmi;
import dev.frontline.server.cli.Stores;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.frontline.server.asterisk.peer.FakeAsteriskAgi.key;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code frontline serve} with {@code asterisk.enabled}: the composition root opens FastAGI from the config, logs in to
 * AMI with the secret from the environment, and a PBX call reaches the operator who set Ready on the desktop.
 */
class FrontlineServerAsteriskTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void aPbxCallIsQueuedPoppedOnTheReadyOperatorsScreenAndDialledToTheirPhone() throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2026-03-02T10:00:00Z"))); // Monday 12:00 Vilnius
        int agiPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            agiPort = s.getLocalPort();
        }
        try (FakeAsteriskAmi ami = FakeAsteriskAmi.start("frontline", "from-the-environment")) {
            ami.setDeviceState("PJSIP/op101", "NOT_INUSE");
            String yaml = "store:\n  url: jdbc:sqlite:" + dir.resolve("frontline.db") + "\n"
                    + "flows:\n  dir: ../ivr-flows\n"
                    + "asterisk:\n  enabled: true\n  port: " + agiPort + "\n  hold-poll: 100ms\n"
                    + "  ami:\n    port: " + ami.port() + "\n    reconnect-min: 100ms\n";
            FrontlineConfig config = FrontlineConfig.parse(yaml, "test",
                    Map.of(FrontlineConfig.ENV_AMI_SECRET, "from-the-environment"));
            try (Stores stores = Stores.open(config, clock)) {
                stores.database().inTransaction(c -> {
                    stores.operators().insertAll(c, List.of(new NewOperator("anna", "Anna",
                            stores.slowHash().hash("pw".toCharArray()), Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                            Set.of(Intent.values()), Set.of(Language.values()), "PJSIP/op101", Optional.empty())));
                    stores.customers().insertAll(c, List.of(new NewCustomer("100200", "Jonas Jonaitis",
                            Optional.of("+37061111111"), List.of(), "", "Laisves al. 1", "Kaunas", "Fiber 300",
                            List.of("internet"), "active", Language.EN, "jonas", Optional.empty())));
                    return null;
                });
            }

            try (FrontlineServer server = FrontlineServer.start(config,
                    FrontlineServer.Options.production().withPort(0), clock)) {
                DeskClient http = new DeskClient(server.port());
                DeskClient.Socket anna = http.connect(http.login("anna", "pw"));
                anna.await(ServerMessage.Welcome.class, 5);
                assertThat(anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null))))
                        .isInstanceOf(ServerMessage.Ack.class);

                try (FakeAsteriskAgi agi = FakeAsteriskAgi.call(agiPort, "support", "1700000300.1", "+37061111111")) {
                    boolean pressed = false;
                    String cmd;
                    while (!(cmd = agi.nextCommand(T)).startsWith("EXEC")) {
                        if (cmd.startsWith("WAIT FOR DIGIT") && !pressed && !cmd.endsWith(" 100")) {
                            pressed = true;
                            agi.reply(key('1')); // technical failure
                        } else if (cmd.startsWith("STREAM FILE")) {
                            agi.reply("0 endpos=8000");
                        } else {
                            agi.reply("0");
                        }
                    }
                    assertThat(cmd).isEqualTo("EXEC \"Dial\" \"PJSIP/op101,12,tTg\"");
                    ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 10);
                    assertThat(pop.callId()).isEqualTo("1700000300.1");
                    assertThat(pop.customer().contractNumber()).isEqualTo("100200");
                    // AMI opens after FastAGI (issue 23: both after the ACD), so its first actions may follow the call
                    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                    while (ami.actions("DeviceStateList").isEmpty() && System.nanoTime() < until) {
                        Thread.sleep(20);
                    }
                    assertThat(ami.actions("Login")).isNotEmpty();
                    assertThat(ami.actions("DeviceStateList")).isNotEmpty();

                    agi.hangUp();
                    agi.reply("-1");
                    agi.finish();
                }
            }
        }
    }

    /**
     * Issue 23: the FastAGI port must not open before the ACD is started and told which lines were lost. A caller
     * arriving while the ACD's start is held back is refused at connect (so the dialplan tries FRONTLINE_HOST2); one
     * that connects the moment the port opens is queued and reaches the operator, never "the ACD is not started".
     */
    @Test
    void theFastAgiPortOpensOnlyOnceTheAcdIsStartedAndACallerAtThatMomentIsQueued() throws Exception {
        Clock clock = Clock.offset(Clock.systemUTC(),
                Duration.between(Instant.now(), Instant.parse("2026-03-02T10:00:00Z"))); // Monday 12:00 Vilnius
        int agiPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            agiPort = s.getLocalPort();
        }
        try (FakeAsteriskAmi ami = FakeAsteriskAmi.start("frontline", "from-the-environment")) {
            ami.setDeviceState("PJSIP/op101", "NOT_INUSE");
            FrontlineConfig config = configWithAnna(agiPort, ami.port());
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            FrontlineServer.Hooks hooks = new FrontlineServer.Hooks(() -> {
                held.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            java.util.concurrent.CompletableFuture<FrontlineServer> starting = java.util.concurrent.CompletableFuture
                    .supplyAsync(() -> FrontlineServer.start(config, FrontlineServer.Options.production().withPort(0),
                            clock, hooks));
            FrontlineServer server = null;
            try {
                assertThat(held.await(60, java.util.concurrent.TimeUnit.SECONDS)).as("the start reached the ACD").isTrue();
                // the ACD is held back: a PBX's connection attempt is refused, not accepted and dropped
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> FakeAsteriskAgi.call(agiPort, "support",
                                "1700000400.1", "+37061111111").close())
                        .as("FastAGI connect while the ACD is not started").isInstanceOf(java.net.ConnectException.class);
                assertThat(ami.actions("Login")).as("AMI logs in only after the ACD started").isEmpty();

                release.countDown();
                FakeAsteriskAgi agi = connectOnceOpen(agiPort, "1700000400.2");
                try (agi) {
                    boolean pressed = false;
                    String cmd;
                    while (!(cmd = agi.nextCommand(T)).startsWith("EXEC \"Dial\"")) {
                        if (cmd.startsWith("WAIT FOR DIGIT") && !pressed && !cmd.endsWith(" 100")) {
                            pressed = true;
                            agi.reply(key('1')); // technical failure
                        } else if (cmd.startsWith("STREAM FILE")) {
                            agi.reply("0 endpos=8000");
                        } else if (cmd.startsWith("WAIT FOR DIGIT") && server == null && starting.isDone()) {
                            server = starting.join(); // queued and on hold: now the operator comes in
                            DeskClient http = new DeskClient(server.port());
                            DeskClient.Socket anna = http.connect(http.login("anna", "pw"));
                            anna.await(ServerMessage.Welcome.class, 5);
                            assertThat(anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(),
                                    OperatorState.READY, null)))).isInstanceOf(ServerMessage.Ack.class);
                            agi.reply("0");
                        } else {
                            agi.reply("0");
                        }
                    }
                    assertThat(cmd).as("the caller who came in the moment the port opened reaches the operator")
                            .isEqualTo("EXEC \"Dial\" \"PJSIP/op101,12,tTg\"");
                    agi.hangUp();
                    agi.reply("-1");
                    agi.finish();
                }
            } finally {
                release.countDown();
                if (server == null) {
                    server = starting.get(60, java.util.concurrent.TimeUnit.SECONDS);
                }
                server.close();
            }
        }
    }

    /** Connects as Asterisk would, again and again until the server accepts (within a deadline). */
    private static FakeAsteriskAgi connectOnceOpen(int port, String uniqueId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return FakeAsteriskAgi.call(port, "support", uniqueId, "+37061111111");
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    private FrontlineConfig configWithAnna(int agiPort, int amiPort) throws Exception {
        String yaml = "store:\n  url: jdbc:sqlite:" + dir.resolve("frontline.db") + "\n"
                + "flows:\n  dir: ../ivr-flows\n"
                + "asterisk:\n  enabled: true\n  port: " + agiPort + "\n  hold-poll: 100ms\n"
                + "  ami:\n    port: " + amiPort + "\n    reconnect-min: 100ms\n";
        FrontlineConfig config = FrontlineConfig.parse(yaml, "test",
                Map.of(FrontlineConfig.ENV_AMI_SECRET, "from-the-environment"));
        try (Stores stores = Stores.open(config, Clock.systemUTC())) {
            stores.database().inTransaction(c -> {
                stores.operators().insertAll(c, List.of(new NewOperator("anna", "Anna",
                        stores.slowHash().hash("pw".toCharArray()), Operator.Role.OPERATOR, Set.of(Tier.LINE1),
                        Set.of(Intent.values()), Set.of(Language.values()), "PJSIP/op101", Optional.empty())));
                stores.customers().insertAll(c, List.of(new NewCustomer("100200", "Jonas Jonaitis",
                        Optional.of("+37061111111"), List.of(), "", "Laisves al. 1", "Kaunas", "Fiber 300",
                        List.of("internet"), "active", Language.EN, "jonas", Optional.empty())));
                return null;
            });
        }
        return config;
    }
}
