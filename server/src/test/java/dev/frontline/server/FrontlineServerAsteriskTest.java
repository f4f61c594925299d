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
                    assertThat(ami.actions("Login")).isNotEmpty();
                    assertThat(ami.actions("DeviceStateList")).isNotEmpty();

                    agi.hangUp();
                    agi.reply("-1");
                    agi.finish();
                }
            }
        }
    }
}
