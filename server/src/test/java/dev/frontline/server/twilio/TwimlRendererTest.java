package dev.frontline.server.twilio;

import dev.frontline.core.call.Await;
import dev.frontline.core.call.MediaStep;
import dev.frontline.core.call.Prompt;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Language;
import dev.frontline.core.config.ConfigNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TwimlRendererTest {
    private static final CallId CALL = new CallId("CA0123456789abcdef0123456789abcdef");

    @ParameterizedTest
    @ValueSource(strings = {"play", "say"})
    void everyAnswerIsExactlyTheSdksTextOfTheTurn(String voice) {
        // given a renderer and turns of every kind, with steps that repeat, differ only in a number, or need escaping
        TwimlRenderer renderer = new TwimlRenderer(TwilioConfig.from(new ConfigNode("twilio", Map.of("enabled", true,
                "account-sid", "AC0123456789abcdef0123456789abcdef", "auth-token", "t", "public-base-url",
                "https://ivr.example.com", "from-number", "+37052000000", "voice", voice)), Map.of()));
        List<Await> awaits = List.of(new Await.CollectDigits(1, Duration.ofSeconds(6), false),
                new Await.CollectDigits(8, Duration.ofMillis(2500), true),
                new Await.WaitInQueue(3, Duration.ofMinutes(4), Duration.ofSeconds(60)),
                new Await.WaitInQueue(12, Duration.ofMinutes(9), Duration.ofSeconds(60)),
                new Await.WaitInQueue(1, Duration.ZERO, Duration.ofSeconds(20)),
                new Await.TransferTo("+37061234567"), new Await.TransferTo("sip:desk@pbx.example.com"),
                new Await.HangUp());
        List<List<MediaStep>> stepLists = List.of(List.of(),
                List.of(play(Language.EN, "main-menu", "For a technical failure press 1.")),
                List.of(play(Language.LT, "position", "Jūs esate"), new MediaStep.SayDigits(Language.LT, "3"),
                        play(Language.LT, "numbers/20", "dvidešimt")),
                List.of(play(Language.RU, "position", "Вы"), new MediaStep.SayDigits(Language.RU, "12"),
                        play(Language.EN, "odd", "Tom & \"Jerry\" <say>")),
                List.of(play(Language.PL, "tab", "a\tb"), play(Language.PL, "tab", "a\tb"))); // needs the serializer's &#9;
        List<Turn> turns = new ArrayList<>();
        for (Await a : awaits) {
            for (List<MediaStep> steps : stepLists) {
                turns.add(new Turn(CALL, steps, a));
            }
        }

        for (int round = 0; round < 2; round++) { // the second time from the caches
            for (Turn turn : turns) {
                // when it is rendered, then it is the SDK's own text of the whole answer
                assertThat(renderer.render(turn)).as("%s (round %d)", turn, round).isEqualTo(renderer.response(turn).toXml());
            }
        }
    }

    private static MediaStep play(Language language, String key, String text) {
        return new MediaStep.Play(new Prompt(language, key, text));
    }
}
