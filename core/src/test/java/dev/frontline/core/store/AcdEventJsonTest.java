package dev.frontline.core.store;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AcdEventJsonTest {
    private final AcdEventJson json = new AcdEventJson();

    @Test
    void anSlaBreachLoggedBeforeItHadAKindReplaysWithoutOne() {
        AcdEvent.SlaBreached now = new AcdEvent.SlaBreached(Tier.LINE1, "sales", "on-line wait 30 s", new CallId("c1"),
                Instant.parse("2026-11-23T08:00:00Z"), AcdEvent.SlaKind.ON_LINE, Duration.ofSeconds(30));
        assertThat(json.read(1, "SlaBreached", json.write(now))).isEqualTo(now);

        // as session 2 logged it: the same fields without kind and limit
        String logged = json.write(now).replace(",\"kind\":\"ON_LINE\",\"limit\":\"PT30S\"", "");
        assertThat(logged).doesNotContain("kind").doesNotContain("limit").contains("\"target\":\"on-line wait 30 s\"");
        AcdEvent.SlaBreached old = (AcdEvent.SlaBreached) json.read(1, "SlaBreached", logged);
        assertThat(old.target()).isEqualTo("on-line wait 30 s");
        assertThat(old.kind()).isNull();
        assertThat(old.limit()).isNull();
    }

    @Test
    void aTransferLoggedBeforeNamedTransfersReplaysWithoutAColleague() {
        AcdEvent.CallTransferred named = new AcdEvent.CallTransferred(new CallId("c2"),
                new dev.frontline.core.common.OperatorId("anna"), dev.frontline.core.common.Intent.TECHNICAL, Tier.LINE1,
                new dev.frontline.core.common.OperatorId("bob"), "over to you", Instant.parse("2026-12-06T10:00:00Z"));
        assertThat(json.read(2, "CallTransferred", json.write(named))).isEqualTo(named);

        String logged = json.write(named).replace(",\"to\":{\"value\":\"bob\"},\"note\":\"over to you\"", "");
        assertThat(logged).doesNotContain("bob");
        AcdEvent.CallTransferred old = (AcdEvent.CallTransferred) json.read(2, "CallTransferred", logged);
        assertThat(old.from().value()).isEqualTo("anna");
        assertThat(old.to()).isNull();
        assertThat(old.note()).isNull();
    }
}
