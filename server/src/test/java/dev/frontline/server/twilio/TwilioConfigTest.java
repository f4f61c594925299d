package dev.frontline.server.twilio;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;
import com.twilio.twiml.voice.Say;
import dev.frontline.core.common.Language;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TwilioConfigTest {
    static Map<String, Object> valid() {
        return new HashMap<>(Map.of("enabled", true, "account-sid", "AC0123456789abcdef0123456789abcdef",
                "auth-token", "from-file", "public-base-url", "https://ivr.example.com/", "from-number", "+37052000000"));
    }

    static TwilioConfig parse(Map<String, Object> section, Map<String, String> env) {
        return TwilioConfig.from(new ConfigNode("twilio", section), env);
    }

    @Test
    void readsAValidSectionWithDefaults() {
        TwilioConfig c = parse(valid(), Map.of());

        assertThat(c.enabled()).isTrue();
        assertThat(c.publicBaseUrl()).isEqualTo("https://ivr.example.com");
        assertThat(c.voice()).isEqualTo(TwilioConfig.Voice.PLAY);
        // 8 s + Twilio's up to 5 s + the 2 s REST update fit in acd.ring-timeout (15 s)
        assertThat(c.ringTimeout()).isEqualTo(Duration.ofSeconds(8));
        assertThat(c.restTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.longestRing()).isEqualTo(Duration.ofSeconds(15));
        assertThat(c.sayVoices()).containsEntry(Language.EN, Say.Voice.POLLY_AMY)
                .containsEntry(Language.RU, Say.Voice.POLLY_TATYANA).containsEntry(Language.PL, Say.Voice.POLLY_EWA)
                .doesNotContainKeys(Language.LT, Language.SL);
        assertThat(c.apiBaseUrl()).isEmpty();
        assertThat(c.fallbackNumber()).isEmpty();
        assertThat(c.toString()).doesNotContain("from-file");
    }

    @Test
    void theShippedFrontlineYamlParsesAndIsOff() {
        var file = dev.frontline.core.config.FrontlineConfig.load(java.nio.file.Path.of("..", "frontline.yaml"),
                Map.of(TwilioConfig.TOKEN_ENV, "env-token"));
        TwilioConfig c = TwilioConfig.from(file);
        assertThat(c.enabled()).isFalse();
        assertThat(c.authToken()).isEqualTo("env-token");
        assertThat(c.holdMusic()).isEqualTo("moh/hold.wav");
    }

    @Test
    void theEnvironmentTokenWins() {
        assertThat(parse(valid(), Map.of(TwilioConfig.TOKEN_ENV, "from-env")).authToken()).isEqualTo("from-env");
        Map<String, Object> noToken = valid();
        noToken.remove("auth-token");
        assertThat(parse(noToken, Map.of(TwilioConfig.TOKEN_ENV, "from-env")).authToken()).isEqualTo("from-env");
    }

    @Test
    void aDisabledSectionNeedsNothing() {
        assertThat(parse(new HashMap<>(Map.of("enabled", false)), Map.of()).enabled()).isFalse();
        assertThat(parse(new HashMap<>(), Map.of()).enabled()).isFalse();
    }

    @Test
    void errorsNameTheKey() {
        assertThat(error("account-sid", "SK123")).isEqualTo("twilio.account-sid: must be AC followed by 32 hex digits, not 'SK123'");
        assertThat(error("auth-token", "")).startsWith("twilio.auth-token: is required when enabled (or set FRONTLINE_TWILIO_AUTH_TOKEN)");
        assertThat(error("public-base-url", "ivr.example.com")).startsWith("twilio.public-base-url: must be an http(s) URL");
        assertThat(error("from-number", "852000000")).startsWith("twilio.from-number: must be an E.164 number");
        assertThat(error("voice", "sing")).isEqualTo("twilio.voice: must be play or say, not 'sing'");
        assertThat(error("api-base-url", "ftp://x")).startsWith("twilio.api-base-url: must be an http(s) URL");
        assertThat(error("ring-timeout", "2s")).startsWith("twilio.ring-timeout: must be between 5s and 600s");
        assertThat(error("hold-music", "../etc/passwd")).startsWith("twilio.hold-music: must be a .wav path");
        assertThat(error("publc-base-url", "x")).startsWith("twilio.publc-base-url: unknown key");
        assertThat(error("rest-timeout", "0s")).isEqualTo("twilio.rest-timeout: must be between 100ms and 60s");
        assertThat(error("say-voices", Map.of("pl", "Polly.Nobody"))).startsWith(
                "twilio.say-voices.pl: 'Polly.Nobody' is not a Twilio voice; use a name as in TwiML, like Polly.Amy");
        assertThat(error("say-voices", Map.of("de", "Polly.Marlene"))).startsWith("twilio.say-voices.de: unknown language 'de'");
        assertThat(error("fallback-number", "852000001")).isEqualTo(
                "twilio.fallback-number: must be an E.164 number like +37052000001, not '852000001'");
    }

    @Test
    void theSmsProviderPicksTheSender() {
        var log = new dev.frontline.server.sms.SmsConfig(dev.frontline.server.sms.SmsConfig.Provider.LOG,
                dev.frontline.server.sms.SmsConfig.defaults().limits(), 3, Duration.ofMillis(500));
        var viaTwilio = new dev.frontline.server.sms.SmsConfig(dev.frontline.server.sms.SmsConfig.Provider.TWILIO,
                log.limits(), 3, Duration.ofMillis(500));

        assertThat(TwilioBackend.smsSender(log, TwilioConfig.disabled()).simulated()).isTrue();
        assertThat(TwilioBackend.smsSender(viaTwilio, parse(valid(), Map.of())).simulated()).isFalse();
        assertThat(assertThrows(ConfigException.class, () -> TwilioBackend.smsSender(viaTwilio, TwilioConfig.disabled())))
                .hasMessageStartingWith("sms.provider: twilio needs the twilio section enabled");
    }

    @Test
    void theApiBaseUrlOverrideIsKept() {
        Map<String, Object> s = valid();
        s.put("api-base-url", "http://127.0.0.1:8089");
        assertThat(parse(s, Map.of()).apiBaseUrl()).isEqualTo(Optional.of(URI.create("http://127.0.0.1:8089")));
    }

    @Test
    void theFallbackNumberIsKept() {
        Map<String, Object> s = valid();
        s.put("fallback-number", " +37052000001 ");
        assertThat(parse(s, Map.of()).fallbackNumber()).contains("+37052000001");
    }

    @Test
    void aVoicePerLanguageIsConfiguredByItsTwimlName() {
        Map<String, Object> s = valid();
        s.put("say-voices", Map.of("ru", "Polly.Maxim", "lt", "Google.lt-LT-Standard-A", "pl", "none"));

        Map<Language, Say.Voice> voices = parse(s, Map.of()).sayVoices();

        assertThat(voices).containsEntry(Language.RU, Say.Voice.POLLY_MAXIM)
                .containsEntry(Language.LT, Say.Voice.GOOGLE_LT_LT_STANDARD_A)
                .containsEntry(Language.EN, Say.Voice.POLLY_AMY).doesNotContainKey(Language.PL);
    }

    private static String error(String key, Object value) {
        Map<String, Object> s = valid();
        s.put(key, value);
        return assertThrows(ConfigException.class, () -> parse(s, Map.of())).getMessage();
    }
}
