package dev.frontline.core.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ApiJsonTest {
    private final ObjectMapper json = ApiJson.mapper();

    @Test
    void anAlertCrossesTheWireWithItsKindAndAnOldOneWithout() throws Exception {
        Views.Alert a = new Views.Alert(Instant.parse("2026-11-23T08:00:00Z"), "warning",
                "SLA breached: on-line wait 30 s (call sim-1)", "line1", "technical", "sla-on-line", 30L, "sim-1", null);

        String wire = json.writeValueAsString(new ServerMessage.Alert(a));
        assertThat(json.readValue(wire, ServerMessage.class)).isEqualTo(new ServerMessage.Alert(a));

        // a server from before the kind existed sends only the text fields
        String old = "{\"type\":\"alert\",\"alert\":{\"at\":\"2026-11-23T08:00:00Z\",\"severity\":\"warning\","
                + "\"text\":\"SLA breached\",\"tier\":\"line1\",\"queue\":\"technical\"}}";
        ServerMessage.Alert read = (ServerMessage.Alert) json.readValue(old, ServerMessage.class);
        assertThat(read.alert().text()).isEqualTo("SLA breached");
        assertThat(read.alert().kind()).isNull();
        assertThat(read.alert().limitSeconds()).isNull();
    }
}
