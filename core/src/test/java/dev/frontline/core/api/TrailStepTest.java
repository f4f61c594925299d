package dev.frontline.core.api;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The trail's stored English lines, old and new, read back as structured steps (issue 22 item 10). */
class TrailStepTest {
    @Test
    void theInterpretersLinesBecomeStepsWithKindNodeKeyAndValue() {
        assertThat(Views.TrailStep.of("pressed 1 (technical failure)"))
                .isEqualTo(new Views.TrailStep("pressed", null, "1", "technical failure", "pressed 1 (technical failure)"));
        assertThat(Views.TrailStep.of("no valid entered-contract entered"))
                .isEqualTo(new Views.TrailStep("invalid-entry", null, "entered-contract", null, "no valid entered-contract entered"));
        assertThat(Views.TrailStep.of("queued: technical, priority 1, line1"))
                .isEqualTo(new Views.TrailStep("queued", "line1", "technical", "1", "queued: technical, priority 1, line1"));
        assertThat(Views.TrailStep.of("no input; gave up at main-menu"))
                .isEqualTo(new Views.TrailStep("gave-up", "main-menu", null, "no input", "no input; gave up at main-menu"));
        assertThat(Views.TrailStep.of("pressed 9 (not an option)").kind()).isEqualTo("invalid-key");
        assertThat(Views.TrailStep.of("identified by calling number: customer 74, contract 10000074"))
                .isEqualTo(new Views.TrailStep("identified", null, "calling number", "10000074",
                        "identified by calling number: customer 74, contract 10000074"));
        assertThat(Views.TrailStep.of("intent technical, priority 1, line1"))
                .isEqualTo(new Views.TrailStep("routed", "line1", "technical", "1", "intent technical, priority 1, line1"));
        assertThat(Views.TrailStep.of("wrong PIN 3 times: verification failed").value()).isEqualTo("3");
        assertThat(Views.TrailStep.of("hung up at main-menu").node()).isEqualTo("main-menu");
        assertThat(Views.TrailStep.of("SMS login-reset not sent: rate limited"))
                .isEqualTo(new Views.TrailStep("sms-not-sent", null, "login-reset", "rate limited",
                        "SMS login-reset not sent: rate limited"));
    }

    @Test
    void aLineOfNoKnownFormIsKeptAsText() {
        assertThat(Views.TrailStep.of("language lt, intent technical, priority 1"))
                .isEqualTo(new Views.TrailStep("text", null, null, null, "language lt, intent technical, priority 1"));
    }

    @Test
    void aTrailBuiltFromStoredLinesCarriesTheirSteps() {
        Views.MenuTrail t = new Views.MenuTrail("en", List.of("after hours", "rated the call 5 of 5"), false, false,
                null, 3, "line1", 0);
        assertThat(t.items()).extracting(Views.TrailStep::kind).containsExactly("after-hours", "rated");
        assertThat(t.items().get(1).value()).isEqualTo("5");
    }
}
