package dev.frontline.server.twilio;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.TwiML;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TwimlXmlTest {

    @Test
    void writesExactlyWhatTheSdksToXmlWrites() throws Exception {
        // given the verbs the renderer uses, with text that needs escaping and letters outside ASCII
        List<TwiML> answers = List.of(
                new VoiceResponse.Builder().gather(new Gather.Builder().inputs(List.of(Gather.Input.DTMF)).numDigits(1)
                        .timeout(6).finishOnKey("").action("https://ivr.example.com/twilio/gather?a=1&b=\"2\"")
                        .method(HttpMethod.POST).actionOnEmptyResult(true)
                        .say(new Say.Builder("Ačiū <labai> & \"ačiū\" – žinoma").language(Say.Language.EN_GB).build())
                        .play(new Play.Builder("https://ivr.example.com/sounds/lt/main-menu.wav").build()).build())
                        .redirect(new Redirect.Builder("https://ivr.example.com/twilio/hold").method(HttpMethod.POST).build())
                        .build(),
                new VoiceResponse.Builder().dial(new Dial.Builder().action("https://ivr.example.com/twilio/dial")
                        .timeout(20).answerOnBridge(true).number(new com.twilio.twiml.voice.Number.Builder("+37061234567")
                                .url("https://ivr.example.com/twilio/answered?call=CA1").method(HttpMethod.POST).build())
                        .build()).build(),
                new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build(),
                new VoiceResponse.Builder().say(new Say.Builder("line one\nline two\ttab \uD83D\uDE00").build()).build(),
                new VoiceResponse.Builder().play(new Play.Builder("https://x.example/a.wav").loop(3).option("foo", "b&r").build()).build(),
                new VoiceResponse.Builder().say(new Say.Builder("").build()).build(),
                new VoiceResponse.Builder().build());

        assertThat(TwimlXml.fast()).as("the fast path is taken, not the fallback").isTrue();
        for (TwiML answer : answers) {
            // when it is written both ways, then the texts are equal
            assertThat(TwimlXml.of(answer)).isEqualTo(answer.toXml());
        }
    }
}
