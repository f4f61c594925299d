package dev.frontline.server.twilio;

import dev.frontline.core.customer.PhoneNumbers;
import com.twilio.twiml.TwiML;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Client;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Redirect;
import com.twilio.twiml.voice.Say;
import com.twilio.twiml.voice.Sip;
import com.twilio.http.HttpMethod;
import dev.frontline.core.call.Await;
import dev.frontline.core.call.MediaStep;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.Language;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a {@link Turn} into TwiML with the SDK's builders: {@code <Gather>} around the prompts for digits, the hold
 * loop ({@code <Gather>} around announcements and music, then {@code <Redirect>}), {@code <Dial>}, {@code <Hangup/>}.
 * Prompts are {@code <Play>} of our recordings under the public base URL, or {@code <Say>} of their text when
 * {@code twilio.voice: say} and a voice is configured for the language ({@code twilio.say-voices}; by default
 * English, Russian and Polish: Lithuanian and Slovenian are played).
 * Stateless and thread-safe.
 */
final class TwimlRenderer {
    private static final Map<Language, Say.Language> SAY_LANGUAGES =
            Map.of(Language.EN, Say.Language.EN_GB, Language.RU, Say.Language.RU_RU, Language.PL, Say.Language.PL_PL);

    /**
     * Where a turn's steps go in an answer's template: a verb no turn can produce (Twilio never sees it). The text of
     * an answer is its template's text around this verb with the steps' fragments put in its place.
     */
    private static final String STEPS_GO_HERE = "https://frontline.invalid/steps-go-here";
    private static final int CACHE_LIMIT = 4096;
    /**
     * How long the fallback number rings when a webhook failed: nothing else will answer this caller, so Twilio's
     * own default, not an operator's ring timeout (which is short, below the ACD's).
     */
    private static final int FALLBACK_RING_SECONDS = 30;
    /**
     * The text of an answer around its steps, by what the turn awaits (of a hold turn only the announcement interval
     * counts: position and wait are in the prompts). Few: menus and hold loops share them.
     */
    private final Map<Await, String[]> templates = new ConcurrentHashMap<>();
    /** Each step's verbs as text: the SDK builders, URI parsing and serializing are most of a hold tick's CPU. */
    private final Map<MediaStep, String> fragments = new ConcurrentHashMap<>();
    private final TwilioConfig config;

    TwimlRenderer(TwilioConfig config) {
        this.config = config;
    }

    /**
     * The TwiML for a turn: the text of {@link #response}, put together from its await's template and each step's
     * fragment (equal by test). The call id does not appear in it.
     */
    String render(Turn turn) {
        if (turn.steps().isEmpty()) { // an element without children is written differently (<Gather .../>)
            return xml(response(turn));
        }
        String[] around = cached(templates, turn.await() instanceof Await.WaitInQueue w
                ? new Await.WaitInQueue(0, Duration.ZERO, w.announceEvery()) : turn.await(), this::template);
        StringBuilder out = new StringBuilder(around[0].length() + around[1].length() + 96 * turn.steps().size())
                .append(around[0]);
        for (MediaStep step : turn.steps()) {
            out.append(cached(fragments, step, this::fragment));
        }
        return out.append(around[1]).toString();
    }

    /** The answer to a turn in the SDK's model. */
    VoiceResponse response(Turn turn) {
        return response(turn.await(), steps(turn.steps()));
    }

    private String[] template(Await await) {
        String xml = xml(response(await, List.of(new Play.Builder(STEPS_GO_HERE).build())));
        String marker = "<Play>" + STEPS_GO_HERE + "</Play>";
        int at = xml.indexOf(marker);
        if (at < 0 || xml.indexOf(marker, at + 1) >= 0) {
            throw new IllegalStateException("the answer template for " + await + " lost its place for the steps: " + xml);
        }
        return new String[] {xml.substring(0, at), xml.substring(at + marker.length())};
    }

    private String fragment(MediaStep step) {
        StringBuilder out = new StringBuilder();
        for (TwiML verb : steps(List.of(step))) {
            out.append(TwimlXml.element(verb));
        }
        return out.toString();
    }

    private static <K, V> V cached(Map<K, V> cache, K key, java.util.function.Function<K, V> make) {
        V v = cache.get(key);
        if (v == null) {
            v = make.apply(key);
            if (cache.size() >= CACHE_LIMIT) {
                cache.clear(); // crude but bounded; refills with the current menus at once
            }
            cache.put(key, v);
        }
        return v;
    }

    private VoiceResponse response(Await await, List<TwiML> steps) {
        VoiceResponse.Builder r = new VoiceResponse.Builder();
        if (await instanceof Await.CollectDigits c) {
            Gather.Builder g = new Gather.Builder().inputs(List.of(Gather.Input.DTMF))
                    .numDigits(c.maxDigits())
                    .timeout(seconds(c.timeout()))
                    .finishOnKey(c.hashTerminates() ? "#" : "")
                    .action(url(WebhookPaths.GATHER)).method(HttpMethod.POST)
                    .actionOnEmptyResult(true);
            steps.forEach(v -> addTo(g, v));
            r.gather(g.build());
        } else if (await instanceof Await.WaitInQueue w) {
            Gather.Builder g = new Gather.Builder().inputs(List.of(Gather.Input.DTMF)).numDigits(1).timeout(1)
                    .action(url(WebhookPaths.HOLD)).method(HttpMethod.POST);
            steps.forEach(v -> addTo(g, v));
            g.play(new Play.Builder(url(WebhookPaths.SOUNDS + "/" + config.holdMusic())).loop(holdLoops(w.announceEvery())).build());
            r.gather(g.build());
            r.redirect(new Redirect.Builder(url(WebhookPaths.HOLD)).method(HttpMethod.POST).build());
        } else if (await instanceof Await.Fallback) {
            steps.forEach(v -> addTo(r, v));
            if (config.fallbackNumber().isPresent()) {
                r.dial(new Dial.Builder().timeout(FALLBACK_RING_SECONDS)
                        .number(new com.twilio.twiml.voice.Number.Builder(config.fallbackNumber().get()).build()).build());
            } else {
                r.hangup(new Hangup.Builder().build());
            }
        } else if (await instanceof Await.TransferTo t) {
            steps.forEach(v -> addTo(r, v));
            r.dial(endpoint(new Dial.Builder(), t.endpoint(), Optional.empty())
                    .orElseThrow(() -> new IllegalArgumentException("cannot dial '" + t.endpoint() + "' on Twilio")).build());
        } else {
            steps.forEach(v -> addTo(r, v));
            r.hangup(new Hangup.Builder().build());
        }
        return r.build();
    }

    /** The TwiML that rings an operator for a waiting caller (sent by REST as the call's new instructions). */
    Optional<String> dialOperator(String callSid, String endpoint) {
        Dial.Builder d = new Dial.Builder().action(url(WebhookPaths.DIAL)).method(HttpMethod.POST)
                .timeout((int) config.ringTimeout().toSeconds()).answerOnBridge(true);
        return endpoint(d, endpoint, Optional.of(url(WebhookPaths.ANSWERED) + "?call=" + enc(callSid)))
                .map(b -> xml(new VoiceResponse.Builder().dial(b.build()).build()));
    }

    /** The conference a caller is put in for its operators (ADR 0128): {@code fl-<CallSid>}. */
    static String conferenceName(String callSid) {
        return "fl-" + callSid;
    }

    /**
     * The caller's new instructions at its first connect (sent by REST): into the conference {@code fl-<CallSid>},
     * hearing the hold music until an operator joins ({@code startConferenceOnEnter="false"}); the conference ends
     * when the caller leaves. With {@code record}, Twilio records the whole conference (every operator of the call)
     * and reports the recording to {@link WebhookPaths#RECORDING}.
     */
    String conference(String callSid, boolean record) {
        com.twilio.twiml.voice.Conference.Builder c = new com.twilio.twiml.voice.Conference.Builder(conferenceName(callSid))
                .startConferenceOnEnter(false).endConferenceOnExit(true)
                .beep(com.twilio.twiml.voice.Conference.Beep.FALSE)
                .waitUrl(url(WebhookPaths.SOUNDS + "/" + config.holdMusic())).waitMethod(HttpMethod.GET)
                .statusCallback(url(WebhookPaths.CONFERENCE)).statusCallbackMethod(HttpMethod.POST)
                .statusCallbackEvents(List.of(com.twilio.twiml.voice.Conference.Event.START,
                        com.twilio.twiml.voice.Conference.Event.END, com.twilio.twiml.voice.Conference.Event.JOIN,
                        com.twilio.twiml.voice.Conference.Event.LEAVE, com.twilio.twiml.voice.Conference.Event.HOLD,
                        com.twilio.twiml.voice.Conference.Event.MUTE));
        if (record) {
            c.record(com.twilio.twiml.voice.Conference.Record.RECORD_FROM_START)
                    .recordingStatusCallback(url(WebhookPaths.RECORDING) + "?call=" + enc(callSid))
                    .recordingStatusCallbackMethod(HttpMethod.POST)
                    .recordingStatusCallbackEvents(List.of(com.twilio.twiml.voice.Conference.RecordingEvent.COMPLETED,
                            com.twilio.twiml.voice.Conference.RecordingEvent.ABSENT));
        }
        return xml(new VoiceResponse.Builder().dial(new Dial.Builder().conference(c.build()).build()).build());
    }

    /** The hold music's URL (a participant's {@code HoldUrl}). */
    String holdMusicUrl() {
        return url(WebhookPaths.SOUNDS + "/" + config.holdMusic());
    }

    /**
     * The callback's operator leg (ADR 0138): into the callback's conference {@code fl-<attemptId>}, started by the
     * operator; the customer is added once the operator answers. Only the customer leaving ends it
     * ({@code endConferenceOnExit="false"} here): the operator may leave it by a transfer (ADR 0147), and the end of
     * the operator's call hangs up the customer ({@link TwilioConference#callbackOperatorLegEnded}).
     */
    String callbackConference(String attemptId) {
        com.twilio.twiml.voice.Conference.Builder c = new com.twilio.twiml.voice.Conference.Builder(conferenceName(attemptId))
                .startConferenceOnEnter(true).endConferenceOnExit(false) // it may be transferred: the customer ends it
                .beep(com.twilio.twiml.voice.Conference.Beep.FALSE)
                .waitUrl(url(WebhookPaths.SOUNDS + "/" + config.holdMusic())).waitMethod(HttpMethod.GET);
        return xml(new VoiceResponse.Builder().dial(new Dial.Builder().conference(c.build()).build()).build());
    }

    /** The callback's operator leg before ADR 0138: once the operator answers, ring the customer showing {@code callerId}. */
    String dialCustomer(String attemptId, String customerNumber, String callerId) {
        Dial.Builder d = new Dial.Builder().action(url(WebhookPaths.CALLBACK_DIAL) + "?attempt=" + enc(attemptId))
                .method(HttpMethod.POST).timeout((int) config.ringTimeout().toSeconds())
                .number(new com.twilio.twiml.voice.Number.Builder(customerNumber)
                        .url(url(WebhookPaths.CALLBACK_ANSWERED) + "?attempt=" + enc(attemptId)).method(HttpMethod.POST).build());
        if (!callerId.isBlank()) {
            d.callerId(callerId);
        }
        return xml(new VoiceResponse.Builder().dial(d.build()).build());
    }

    static String empty() {
        return xml(new VoiceResponse.Builder().build());
    }

    static String hangUp() {
        return xml(new VoiceResponse.Builder().hangup(new Hangup.Builder().build()).build());
    }

    /**
     * The answer when a webhook failed: a short apology, then {@code <Dial>} of {@code twilio.fallback-number} when
     * the desk set one, else {@code <Hangup/>}. In the caller's language when it is known (the recordings
     * {@code technical-problem-transfer} / {@code -goodbye}, played even with {@code twilio.voice: say}), else an
     * English {@code <Say>}.
     */
    String failure(Optional<Language> language) {
        VoiceResponse.Builder r = new VoiceResponse.Builder();
        boolean transfer = config.fallbackNumber().isPresent();
        if (language.isPresent()) {
            r.play(new Play.Builder(url(WebhookPaths.SOUNDS + "/" + language.get().code() + "/technical-problem-"
                    + (transfer ? "transfer" : "goodbye") + ".wav")).build());
        } else {
            r.say(new Say.Builder(transfer ? "We are sorry, we have a technical problem. Connecting you to an operator."
                    : "We are sorry, we have a technical problem. Please call again later. Goodbye.")
                    .language(Say.Language.EN_GB).build());
        }
        if (transfer) {
            r.dial(new Dial.Builder().timeout(FALLBACK_RING_SECONDS)
                    .number(new com.twilio.twiml.voice.Number.Builder(config.fallbackNumber().get()).build()).build());
        } else {
            r.hangup(new Hangup.Builder().build());
        }
        return xml(r.build());
    }

    /** The language a turn speaks in (its first prompt or digits), if it says anything. */
    static Optional<Language> languageOf(Turn turn) {
        for (MediaStep step : turn.steps()) {
            if (step instanceof MediaStep.Play p) {
                return Optional.of(p.prompt().language());
            }
            if (step instanceof MediaStep.SayDigits d) {
                return Optional.of(d.language());
            }
        }
        return Optional.empty();
    }

    /**
     * The hold poll while the operator is rung: the hold music once, then back to {@link WebhookPaths#HOLD}. Twilio
     * plays it to its end before following the Redirect (a bare Redirect is fetched again at once: a tight loop with
     * silence); the REST update that rings the operator interrupts it at once.
     */
    String holdWhileRinging() {
        return xml(new VoiceResponse.Builder()
                .play(new Play.Builder(url(WebhookPaths.SOUNDS + "/" + config.holdMusic())).build())
                .redirect(new Redirect.Builder(url(WebhookPaths.HOLD)).method(HttpMethod.POST).build()).build());
    }

    /** True when Twilio can ring this operator endpoint: {@code +E164}, {@code sip:...} or {@code client:name}. */
    static boolean dialable(String endpoint) {
        return PhoneNumbers.isE164(endpoint) || endpoint.startsWith("sip:") || endpoint.startsWith("client:");
    }

    private Optional<Dial.Builder> endpoint(Dial.Builder d, String endpoint, Optional<String> answeredUrl) {
        String e = endpoint.trim();
        if (PhoneNumbers.isE164(e)) {
            com.twilio.twiml.voice.Number.Builder n = new com.twilio.twiml.voice.Number.Builder(e);
            answeredUrl.ifPresent(u -> n.url(u).method(HttpMethod.POST));
            return Optional.of(d.number(n.build()));
        }
        if (e.startsWith("sip:")) {
            Sip.Builder s = new Sip.Builder(e);
            answeredUrl.ifPresent(u -> s.url(u).method(HttpMethod.POST));
            return Optional.of(d.sip(s.build()));
        }
        if (e.startsWith("client:") && e.length() > 7) {
            Client.Builder c = new Client.Builder(e.substring(7));
            answeredUrl.ifPresent(u -> c.url(u).method(HttpMethod.POST));
            return Optional.of(d.client(c.build()));
        }
        return Optional.empty();
    }

    /** Each step as a Play or Say verb. */
    private List<TwiML> steps(List<MediaStep> steps) {
        List<TwiML> out = new ArrayList<>();
        for (MediaStep step : steps) {
            if (step instanceof MediaStep.Play p) {
                Optional<Say> say = say(p.prompt().language(), p.prompt().text());
                if (say.isPresent()) {
                    out.add(say.get());
                } else {
                    out.add(new Play.Builder(url(WebhookPaths.SOUNDS + "/" + p.prompt().path() + ".wav")).build());
                }
            } else if (step instanceof MediaStep.SayDigits s) {
                Optional<Say> say = say(s.language(), String.join(" ", s.digits().split("")));
                if (say.isPresent()) {
                    out.add(say.get());
                } else {
                    for (char c : s.digits().toCharArray()) {
                        out.add(new Play.Builder(url(WebhookPaths.SOUNDS + "/" + s.language().code() + "/digits/" + c + ".wav")).build());
                    }
                }
            }
        }
        return out;
    }

    /**
     * With {@code twilio.voice: say}, the text spoken by the voice configured for its language (and the language,
     * where Twilio's {@code <Say language>} knows it): never the account's default voice, which may not speak it.
     * Empty when the language has no voice (then the recording is played) or there is no text.
     */
    private Optional<Say> say(Language language, String text) {
        Say.Voice voice = config.sayVoices().get(language);
        if (config.voice() != TwilioConfig.Voice.SAY || voice == null || text == null || text.isBlank()) {
            return Optional.empty();
        }
        Say.Builder b = new Say.Builder(text).voice(voice);
        Say.Language lang = SAY_LANGUAGES.get(language);
        if (lang != null) {
            b.language(lang);
        }
        return Optional.of(b.build());
    }

    private static void addTo(Gather.Builder g, TwiML verb) {
        if (verb instanceof Say s) {
            g.say(s);
        } else {
            g.play((Play) verb);
        }
    }

    private static void addTo(VoiceResponse.Builder r, TwiML verb) {
        if (verb instanceof Say s) {
            r.say(s);
        } else {
            r.play((Play) verb);
        }
    }

    private int holdLoops(Duration announceEvery) {
        long every = announceEvery == null || announceEvery.isZero() || announceEvery.isNegative() ? 30 : announceEvery.toSeconds();
        long clip = Math.max(1, config.holdMusicLength().toSeconds());
        return (int) Math.max(1, Math.min(100, (every + clip - 1) / clip));
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, (d.toMillis() + 999) / 1000);
    }

    String url(String path) {
        return config.publicBaseUrl() + path;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String xml(TwiML twiml) {
        return TwimlXml.of(twiml);
    }
}
