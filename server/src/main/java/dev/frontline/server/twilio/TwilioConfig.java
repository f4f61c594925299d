package dev.frontline.server.twilio;

import com.twilio.twiml.voice.Say;
import dev.frontline.core.common.Language;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.config.FrontlineConfig;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code twilio} section of frontline.yaml, validated. The auth token may come from the environment
 * ({@value #TOKEN_ENV} wins over the file).
 *
 * @param publicBaseUrl   the URL Twilio calls, as configured on the number (no trailing slash); signatures are
 *                        checked against it, never against the address the request reached locally
 * @param voice           {@code play}: our recordings over HTTP; {@code say}: Twilio's text-to-speech of the prompt text
 * @param apiBaseUrl      send every REST request to this host instead of api.twilio.com (tests, a recording proxy)
 * @param ringTimeout     how long an operator's phone rings before it counts as no answer
 * @param holdMusic       path under the sounds directory played while queued
 * @param holdMusicLength the length of that recording (it is looped up to the announcement interval)
 * @param fallbackNumber  E.164 number a caller is transferred to when a voice webhook fails (empty: apologise and
 *                        hang up)
 * @param restTimeout     bound of every REST request (connect, and the answer's silence): a Twilio that does not
 *                        answer holds no SMS or connect thread longer than this
 * @param sayVoices       with {@code voice: say}, the Twilio voice per language ({@code Polly.Amy}); a language
 *                        without one is played from the recordings
 */
public record TwilioConfig(boolean enabled, String accountSid, String authToken, String publicBaseUrl,
                           String fromNumber, Voice voice, Optional<URI> apiBaseUrl, Duration ringTimeout,
                           String holdMusic, Duration holdMusicLength, Optional<String> fallbackNumber,
                           Duration restTimeout, Map<Language, Say.Voice> sayVoices) {

    /**
     * How much longer than its {@code timeout} Twilio may let a {@code <Dial>} ring (its timeouts are not exact;
     * a 10 s Dial was seen ringing ~15 s): counted into the margin below {@code acd.ring-timeout}.
     */
    public static final Duration DIAL_SLACK = Duration.ofSeconds(5);
    static final Duration DEFAULT_RING = Duration.ofSeconds(8);
    static final Duration DEFAULT_REST_TIMEOUT = Duration.ofSeconds(2);
    /** Voices that speak the desk's languages (Twilio's default voice does not speak Russian or Polish). */
    static final Map<Language, Say.Voice> DEFAULT_VOICES =
            Map.of(Language.EN, Say.Voice.POLLY_AMY, Language.RU, Say.Voice.POLLY_TATYANA, Language.PL, Say.Voice.POLLY_EWA);

    public TwilioConfig {
        sayVoices = Map.copyOf(sayVoices);
    }

    /**
     * The longest an operator's phone can ring for a connect, from the ACD's offer: the REST update (at most
     * {@link #restTimeout}), then the Dial's {@link #ringTimeout} plus Twilio's {@link #DIAL_SLACK}. The ACD's
     * ring timer must be longer, or it gives the caller to someone else while this phone still rings.
     */
    public Duration longestRing() {
        return restTimeout.plus(ringTimeout).plus(DIAL_SLACK);
    }

    public static final String TOKEN_ENV = "FRONTLINE_TWILIO_AUTH_TOKEN";
    private static final Pattern ACCOUNT_SID = Pattern.compile("AC[0-9a-fA-F]{32}");
    private static final Pattern SOUND_PATH = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+){0,2}\\.wav");

    public enum Voice { PLAY, SAY }

    @Override
    public String toString() { // never print the token
        return "TwilioConfig[enabled=" + enabled + ", accountSid=" + accountSid + ", publicBaseUrl=" + publicBaseUrl
                + ", fromNumber=" + fromNumber + ", voice=" + voice + ", apiBaseUrl=" + apiBaseUrl
                + ", fallbackNumber=" + fallbackNumber + ", ringTimeout=" + ringTimeout + ", restTimeout=" + restTimeout
                + ", sayVoices=" + sayVoices + "]";
    }

    public static TwilioConfig disabled() {
        return new TwilioConfig(false, "", "", "", "", Voice.PLAY, Optional.empty(), DEFAULT_RING,
                "moh/hold.wav", Duration.ofSeconds(20), Optional.empty(), DEFAULT_REST_TIMEOUT, DEFAULT_VOICES);
    }

    /** The {@code twilio} section of the loaded configuration ({@value #TOKEN_ENV} from its environment). */
    public static TwilioConfig from(FrontlineConfig config) {
        return from(config.section("twilio"), config.env(TOKEN_ENV).map(t -> Map.of(TOKEN_ENV, t)).orElse(Map.of()));
    }

    /** Reads {@code twilio}; errors name the key, e.g. {@code twilio.public-base-url: is required when enabled}. */
    public static TwilioConfig from(ConfigNode node, Map<String, String> env) {
        boolean enabled = node.bool("enabled", false);
        String sid = node.string("account-sid", "").trim();
        String token = Optional.ofNullable(env.get(TOKEN_ENV)).filter(s -> !s.isBlank())
                .orElse(node.string("auth-token", "")).trim();
        String base = node.string("public-base-url", "").trim();
        String from = node.string("from-number", "").trim();
        String v = node.string("voice", "play").trim().toLowerCase(Locale.ROOT);
        Voice voice = switch (v) {
            case "play" -> Voice.PLAY;
            case "say" -> Voice.SAY;
            default -> throw new ConfigException(node.key("voice"), "must be play or say, not '" + v + "'");
        };
        Optional<String> api = node.optionalString("api-base-url").map(String::trim);
        Duration ring = node.duration("ring-timeout", DEFAULT_RING);
        if (ring.toSeconds() < 5 || ring.toSeconds() > 600) {
            throw new ConfigException(node.key("ring-timeout"), "must be between 5s and 600s");
        }
        String hold = node.string("hold-music", "moh/hold.wav").trim();
        if (!SOUND_PATH.matcher(hold).matches()) {
            throw new ConfigException(node.key("hold-music"), "must be a .wav path under sounds/ like moh/hold.wav, not '" + hold + "'");
        }
        Duration holdLength = node.duration("hold-music-length", Duration.ofSeconds(20));
        if (holdLength.toSeconds() < 1) {
            throw new ConfigException(node.key("hold-music-length"), "must be at least 1s");
        }
        Optional<String> fallback = node.optionalString("fallback-number").map(String::trim).filter(f -> !f.isEmpty());
        if (fallback.isPresent() && !PhoneNumbers.isE164(fallback.get())) {
            throw new ConfigException(node.key("fallback-number"),
                    "must be an E.164 number like +37052000001, not '" + fallback.get() + "'");
        }
        Duration restTimeout = node.duration("rest-timeout", DEFAULT_REST_TIMEOUT);
        if (restTimeout.toMillis() < 100 || restTimeout.toSeconds() > 60) {
            throw new ConfigException(node.key("rest-timeout"), "must be between 100ms and 60s");
        }
        Map<Language, Say.Voice> voices = voices(node.section("say-voices"));
        node.rejectUnknownKeys();
        if (!enabled) {
            return new TwilioConfig(false, sid, token, stripSlash(base), from, voice, Optional.empty(), ring, hold, holdLength,
                    fallback, restTimeout, voices);
        }
        if (!ACCOUNT_SID.matcher(sid).matches()) {
            throw new ConfigException(node.key("account-sid"), sid.isEmpty() ? "is required when enabled"
                    : "must be AC followed by 32 hex digits, not '" + sid + "'");
        }
        if (token.isEmpty()) {
            throw new ConfigException(node.key("auth-token"), "is required when enabled (or set " + TOKEN_ENV + ")");
        }
        if (base.isEmpty()) {
            throw new ConfigException(node.key("public-base-url"), "is required when enabled: the https URL Twilio calls");
        }
        httpUrl(node.key("public-base-url"), base);
        if (!PhoneNumbers.isE164(from)) {
            throw new ConfigException(node.key("from-number"), from.isEmpty() ? "is required when enabled"
                    : "must be an E.164 number like +37052000000, not '" + from + "'");
        }
        Optional<URI> apiUri = api.map(a -> httpUrl(node.key("api-base-url"), a));
        return new TwilioConfig(true, sid, token, stripSlash(base), from, voice, apiUri, ring, hold, holdLength, fallback,
                restTimeout, voices);
    }

    /** {@code say-voices}: language code -> Twilio voice name as in TwiML ({@code Polly.Tatyana}); over the defaults. */
    private static Map<Language, Say.Voice> voices(ConfigNode node) {
        Map<Language, Say.Voice> out = new java.util.EnumMap<>(Language.class);
        out.putAll(DEFAULT_VOICES);
        for (String code : node.keys()) {
            Language language;
            try {
                language = Language.of(code);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(node.key(code), e.getMessage());
            }
            String name = node.string(code, "").trim();
            if (name.isEmpty() || name.equalsIgnoreCase("none")) {
                out.remove(language); // played from the recordings
                continue;
            }
            Say.Voice v = java.util.Arrays.stream(Say.Voice.values()).filter(x -> x.toString().equalsIgnoreCase(name))
                    .findFirst().orElseThrow(() -> new ConfigException(node.key(code), "'" + name
                            + "' is not a Twilio voice; use a name as in TwiML, like Polly.Amy or Google.pl-PL-Standard-A"
                            + " (or none: play the recordings)"));
            out.put(language, v);
        }
        return out;
    }

    private static URI httpUrl(String key, String text) {
        try {
            URI u = new URI(text);
            if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))
                    || u.getHost() == null || u.getQuery() != null) {
                throw new ConfigException(key, "must be an http(s) URL without a query, like https://ivr.example.com, not '" + text + "'");
            }
            return u;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(key, "is not a URL: '" + text + "' (" + e.getReason() + ")");
        }
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
