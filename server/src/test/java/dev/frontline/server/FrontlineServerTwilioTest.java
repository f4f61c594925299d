package dev.frontline.server;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi;
import dev.frontline.server.twilio.peer.TwilioWebhookCaller;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** serve with Twilio enabled: the webhooks and recordings are on the API port, signed and checked. */
class FrontlineServerTwilioTest {
    static final String TOKEN = "serve-test-token";

    @TempDir
    Path dir;

    @Test
    void theComposedServerAnswersSignedWebhooksAndRefusesUnsignedOnes() throws Exception {
        try (LoopbackTwilioApi api = new LoopbackTwilioApi()) {
            FrontlineConfig config = FrontlineConfig.parse("""
                    store:
                      url: jdbc:sqlite:%s
                    flows:
                      dir: ../ivr-flows
                    api:
                      sounds-dir: ../sounds
                    twilio:
                      enabled: true
                      account-sid: AC0123456789abcdef0123456789abcdef
                      public-base-url: https://ivr.example.com
                      from-number: "+37052000000"
                      api-base-url: %s
                    sms:
                      provider: twilio
                    """.formatted(dir.resolve("frontline.db"), api.baseUrl()), "test",
                    Map.of("FRONTLINE_TWILIO_AUTH_TOKEN", TOKEN));

            try (FrontlineServer server = FrontlineServer.start(config, FrontlineServer.Options.production().withPort(0))) {
                TwilioWebhookCaller twilio = new TwilioWebhookCaller("http://127.0.0.1:" + server.port(),
                        "https://ivr.example.com", TOKEN);
                Map<String, String> call = TwilioWebhookCaller.voiceParams("CA55555555555555555555555555555555",
                        "+37069990000", "+37052000000", "ringing");

                assertThat(twilio.send("/twilio/voice", call, null).status()).isEqualTo(403);
                TwilioWebhookCaller.Answer answer = twilio.post("/twilio/voice", call);
                assertThat(answer.status()).isEqualTo(200);
                assertThat(answer.body()).contains("<Gather ").contains("https://ivr.example.com/sounds/en/");

                HttpResponse<byte[]> music = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/sounds/moh/hold.wav")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(music.statusCode()).isEqualTo(200);
                assertThat(music.body().length).isGreaterThan(1000);
            }
        }
    }

    @Test
    void textsThroughTwilioWithoutTheTwilioSectionFailTheStartNamingTheKey() {
        FrontlineConfig config = FrontlineConfig.parse("""
                store:
                  url: jdbc:sqlite:%s
                flows:
                  dir: ../ivr-flows
                sim:
                  enabled: true
                sms:
                  provider: twilio
                """.formatted(dir.resolve("frontline.db")), "test", Map.of());

        ConfigException e = assertThrows(ConfigException.class,
                () -> FrontlineServer.start(config, FrontlineServer.Options.production().withPort(0)).close());
        assertThat(e.getMessage()).startsWith("sms.provider: twilio needs the twilio section enabled");
    }
}
