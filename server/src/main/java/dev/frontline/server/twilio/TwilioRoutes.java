package dev.frontline.server.twilio;

import dev.frontline.server.sms.SmsService;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * The Javalin side of the Twilio webhooks: checks {@code X-Twilio-Signature} against the configured public URL
 * (403 and a log line when missing or wrong, never TwiML), turns {@link BadWebhook} into 400, answers TwiML as
 * {@code application/xml}; a caller-leg webhook that fails otherwise still answers TwiML (apology and hang-up, or
 * the fallback transfer) so the call is not lost to Twilio's "application error". Also serves the recordings Twilio plays under {@code /sounds/}.
 */
final class TwilioRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioRoutes.class);
    static final String SIGNATURE_HEADER = "X-Twilio-Signature";
    /** Twilio's token of a webhook request, the same on each retry of it. */
    static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";
    private static final String XML = "application/xml; charset=utf-8";
    private static final String TEXT = "text/plain; charset=utf-8";
    private static final Pattern SOUND = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+){0,2}\\.wav");

    private final TwilioConfig config;
    private final WebhookSignature signatures;
    private final TwilioVoice voice;
    private final TwilioCallbacks callbacks;
    private final Optional<SmsService> sms;
    private final Path sounds;
    private final WebhookReplays replays;
    private final TwilioConference conference;

    TwilioRoutes(TwilioConfig config, TwilioVoice voice, TwilioCallbacks callbacks, Optional<SmsService> sms, Path sounds,
                 WebhookReplays replays, TwilioConference conference) {
        this.conference = conference;
        this.replays = replays;
        this.callbacks = callbacks;
        this.config = config;
        this.signatures = new WebhookSignature(config.authToken());
        this.voice = voice;
        this.sms = sms;
        this.sounds = sounds.toAbsolutePath().normalize();
    }

    void register(Javalin app) {
        app.post(WebhookPaths.VOICE, callerLeg(voice::incoming));
        app.post(WebhookPaths.GATHER, callerLeg((form, query) -> voice.gather(form)));
        app.post(WebhookPaths.HOLD, callerLeg((form, query) -> voice.hold(form)));
        app.post(WebhookPaths.DIAL, callerLeg((form, query) -> voice.dialEnded(form)));
        app.post(WebhookPaths.ANSWERED, signed(voice::operatorAnswered));
        app.post(WebhookPaths.STATUS, signed((form, query) -> {
            voice.status(form);
            return null;
        }));
        app.post(WebhookPaths.PARTICIPANT, signed((form, query) -> {
            conference.participantStatus(form, query);
            return null;
        }));
        app.post(WebhookPaths.CONFERENCE, signed((form, query) -> {
            conference.conferenceEvent(form);
            return null;
        }));
        app.post(WebhookPaths.RECORDING, signed((form, query) -> {
            conference.recordingStatus(form, query);
            return null;
        }));
        app.post(WebhookPaths.SMS_STATUS, signed((form, query) -> {
            smsStatus(form);
            return null;
        }));
        app.post(WebhookPaths.CALLBACK_STATUS, signed((form, query) -> {
            callbacks.operatorLegStatus(form, query);
            return null;
        }));
        app.post(WebhookPaths.CALLBACK_CUSTOMER, signed((form, query) -> {
            callbacks.customerStatus(form, query);
            return null;
        }));
        app.post(WebhookPaths.CALLBACK_OPERATOR, signed((form, query) -> {
            conference.callbacks().operatorStatus(form, query);
            return null;
        }));
        app.post(WebhookPaths.SUPERVISOR, signed((form, query) -> {
            conference.supervisorStatus(form, query);
            return null;
        }));
        app.post(WebhookPaths.CALLBACK_ANSWERED, signed((form, query) -> callbacks.customerAnswered(query)));
        app.post(WebhookPaths.CALLBACK_DIAL, signed(callbacks::customerDialEnded));
        app.get(WebhookPaths.SOUNDS + "/<file>", this::sound);
    }

    private void smsStatus(Map<String, String> form) {
        String messageSid = TwilioVoice.required(form, "MessageSid");
        String status = TwilioVoice.required(form, "MessageStatus");
        Optional<String> error = Optional.ofNullable(form.get("ErrorCode")).filter(s -> !s.isBlank());
        if (sms.isEmpty() || !sms.get().deliveryStatus(messageSid, status, error)) {
            LOG.info("delivery report for an unknown text {} ({})", messageSid, status);
        }
    }

    /**
     * A signed webhook whose TwiML drives the caller's leg of an inbound call: when it fails after the signature
     * check (other than {@link BadWebhook}), the caller hears an apology or is transferred to
     * {@code twilio.fallback-number} instead of Twilio's "application error".
     */
    private io.javalin.http.Handler callerLeg(BiFunction<Map<String, String>, Map<String, String>, String> webhook) {
        return signed(webhook, true);
    }

    private io.javalin.http.Handler signed(BiFunction<Map<String, String>, Map<String, String>, String> webhook) {
        return signed(webhook, false);
    }

    private io.javalin.http.Handler signed(BiFunction<Map<String, String>, Map<String, String>, String> webhook,
                                           boolean callerLeg) {
        return ctx -> {
            Map<String, String> form = firstValues(ctx.formParamMap());
            String query = ctx.queryString();
            String url = config.publicBaseUrl() + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
            String signature = ctx.header(SIGNATURE_HEADER);
            if (!signatures.valid(url, form, signature)) {
                LOG.warn("refused webhook {} from {}: {} X-Twilio-Signature (checked against {})", ctx.path(), ctx.ip(),
                        signature == null || signature.isBlank() ? "missing" : "wrong", url);
                ctx.status(HttpStatus.FORBIDDEN).contentType("text/plain; charset=utf-8")
                        .result("403: missing or invalid X-Twilio-Signature\n");
                return;
            }
            Map<String, String> queryParams = firstValues(ctx.queryParamMap());
            WebhookReplays.Reply reply = replays.answer(ctx.header(IDEMPOTENCY_HEADER), ctx.path(),
                    () -> reply(ctx.path(), form, queryParams, webhook, callerLeg));
            ctx.status(reply.status());
            if (reply.body() != null) {
                ctx.contentType(reply.contentType()).result(reply.body());
            }
        };
    }

    private WebhookReplays.Reply reply(String path, Map<String, String> form, Map<String, String> query,
                                       BiFunction<Map<String, String>, Map<String, String>, String> webhook,
                                       boolean callerLeg) {
        try {
            String body = webhook.apply(form, query);
            return body == null ? new WebhookReplays.Reply(204, null, null)
                    : new WebhookReplays.Reply(200, XML, body);
        } catch (BadWebhook e) {
            LOG.warn("bad webhook {}: {}", path, e.getMessage());
            return new WebhookReplays.Reply(400, TEXT, "400: " + e.getMessage() + "\n");
        } catch (RuntimeException e) {
            if (!callerLeg) {
                throw e;
            }
            String sid = form.get("CallSid");
            LOG.error("webhook {} for call {} failed; answering {}", path, sid,
                    config.fallbackNumber().map(n -> "a transfer to the fallback number").orElse("an apology and hang-up"), e);
            return new WebhookReplays.Reply(200, XML, voice.failed(sid));
        }
    }

    private void sound(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        if (!SOUND.matcher(file).matches()) {
            ctx.status(HttpStatus.NOT_FOUND).result("no such recording\n");
            return;
        }
        Path p = sounds.resolve(file).normalize();
        if (!p.startsWith(sounds) || !Files.isRegularFile(p)) {
            ctx.status(HttpStatus.NOT_FOUND).result("no such recording\n");
            return;
        }
        ctx.contentType("audio/wav");
        ctx.header("Cache-Control", "public, max-age=3600");
        try (InputStream in = Files.newInputStream(p)) {
            ctx.result(in.readAllBytes());
        }
    }

    private static Map<String, String> firstValues(Map<String, List<String>> multi) {
        Map<String, String> out = new LinkedHashMap<>();
        multi.forEach((k, v) -> {
            if (!v.isEmpty()) {
                out.put(k, v.get(0));
            }
        });
        return out;
    }
}
