package dev.frontline.server.cluster;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.FrontlineConfig;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClusterConfigTest {
    private static ClusterConfig parse(String yaml) {
        return ClusterConfig.from(FrontlineConfig.parse(yaml, "test", Map.of()).section("cluster"));
    }

    @Test
    void defaultsAreATwoSecondLeaseRenewedEveryHalfSecondAndAnIdNamingHostAndPid() {
        ClusterConfig c = parse("flows:\n  dir: x\n");

        assertThat(c.lease()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.heartbeat()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.serverId()).endsWith("-" + ProcessHandle.current().pid());
        assertThat(c.warmStandby()).as("a standby follows the log unless told not to").isTrue();
        assertThat(c.standbyPoll()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aColdStandbyAndAnotherPollAreRead() {
        ClusterConfig c = parse("cluster:\n  warm-standby: false\n  standby-poll: 500ms\n");

        assertThat(c.warmStandby()).isFalse();
        assertThat(c.standbyPoll()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aStandbyPollOutOfRangeIsRefusedNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("cluster:\n  standby-poll: 2m\n"));

        assertThat(e.getMessage()).contains("cluster.standby-poll");
    }

    @Test
    void aHeartbeatTooSlowForTheLeaseIsRefusedNamingTheKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> parse("cluster:\n  lease: 1s\n  heartbeat: 500ms\n"));

        assertThat(e.getMessage()).contains("cluster.heartbeat").contains("a third of cluster.lease");
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertThrows(ConfigException.class, () -> parse("cluster:\n  leader: yes\n"));
    }

    @Test
    void theShippedConfigurationParses() throws Exception {
        FrontlineConfig shipped = FrontlineConfig.parse(java.nio.file.Files.readString(
                java.nio.file.Path.of("../frontline.yaml")), "frontline.yaml", Map.of());

        assertThat(ClusterConfig.from(shipped.section("cluster")).lease()).isEqualTo(Duration.ofSeconds(2));
        assertThat(ClusterConfig.from(shipped.section("cluster")).warmStandby()).isTrue();
    }
}
