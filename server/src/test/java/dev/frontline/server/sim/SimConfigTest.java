package dev.frontline.server.sim;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.server.api.ApiConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SimConfigTest {

    @Test
    void theCommentedFrontlineYamlHoldsTheDefaultsOfApiAndSim() {
        FrontlineConfig config = FrontlineConfig.load(Path.of("../frontline.yaml"), Map.of());

        assertThat(ApiConfig.from(config.section("api"))).isEqualTo(ApiConfig.defaults());
        assertThat(SimConfig.from(config.section("sim"))).isEqualTo(SimConfig.defaults());
    }

    @Test
    void wrongValuesNameTheirKey() {
        ConfigException rate = assertThrows(ConfigException.class, () -> SimConfig.from(FrontlineConfig.parse(
                "sim:\n  demo:\n    calls-per-minute: lots\n", "t", Map.of()).section("sim")));
        ConfigException mix = assertThrows(ConfigException.class, () -> SimConfig.from(FrontlineConfig.parse(
                "sim:\n  demo:\n    intent-mix: {technicl: 1}\n", "t", Map.of()).section("sim")));
        ConfigException ttl = assertThrows(ConfigException.class, () -> ApiConfig.from(FrontlineConfig.parse(
                "api:\n  session-ttl: 10s\n", "t", Map.of()).section("api")));

        assertThat(rate.getMessage()).contains("sim.demo.calls-per-minute").contains("lots");
        assertThat(mix.getMessage()).contains("sim.demo.intent-mix.technicl");
        assertThat(ttl.getMessage()).contains("api.session-ttl");
    }
}
