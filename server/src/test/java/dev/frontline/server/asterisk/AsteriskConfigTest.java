package dev.frontline.server.asterisk;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.config.FrontlineConfig;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AsteriskConfigTest {

    @Test
    void theShippedFileHoldsTheDefaults() throws Exception {
        FrontlineConfig file = FrontlineConfig.load(Path.of("..", "frontline.yaml"), Map.of());

        AsteriskConfig c = AsteriskConfig.from(file);

        assertThat(c.port()).isEqualTo(4573);
        assertThat(c.bind()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(c.allowedHosts()).containsExactly(InetAddress.getByName("127.0.0.1"));
        assertThat(c.poolMax()).isEqualTo(4000);
        assertThat(c.ringTimeout()).isEqualTo(Duration.ofSeconds(12));
        assertThat(c).isEqualTo(AsteriskConfig.defaults());
    }

    @Test
    void theEnvironmentSecretWinsAndIsRequiredWhenEnabled() {
        ConfigNode enabled = new ConfigNode("asterisk", Map.of("enabled", true, "ami", Map.of("secret", "from-file")));
        assertThat(AsteriskConfig.from(enabled, Map.of("FRONTLINE_AMI_SECRET", "from-env")).ami().secret())
                .isEqualTo("from-env");

        ConfigException e = assertThrows(ConfigException.class,
                () -> AsteriskConfig.from(new ConfigNode("asterisk", Map.of("enabled", true)), Map.of()));
        assertThat(e.key()).isEqualTo("asterisk.ami.secret");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThat(assertThrows(ConfigException.class, () -> AsteriskConfig.from(
                new ConfigNode("asterisk", Map.of("pool-core", 50, "pool-max", 10)), Map.of())).key())
                .isEqualTo("asterisk.pool-max");
        assertThat(assertThrows(ConfigException.class, () -> AsteriskConfig.from(
                new ConfigNode("asterisk", Map.of("allowed-hosts", List.of("no-such-host.invalid"))), Map.of())).key())
                .isEqualTo("asterisk.allowed-hosts");
        assertThat(assertThrows(ConfigException.class, () -> AsteriskConfig.from(
                new ConfigNode("asterisk", Map.of("ring-timout", "20s")), Map.of())).key())
                .isEqualTo("asterisk.ring-timout");
        assertThat(assertThrows(ConfigException.class, () -> AsteriskConfig.from(
                new ConfigNode("asterisk", Map.of("ami", Map.of("reconnect-max", "soon"))), Map.of())).key())
                .isEqualTo("asterisk.ami.reconnect-max");
    }
}
