package dev.frontline.server.twilio;

import com.twilio.http.TwilioRestClient;
import dev.frontline.core.acd.Acd;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.store.Database;
import dev.frontline.core.config.ConfigException;
import dev.frontline.server.sms.LogOnlySmsSender;
import dev.frontline.server.sms.SmsConfig;
import dev.frontline.server.sms.SmsSender;
import dev.frontline.server.sms.SmsService;
import dev.frontline.server.sms.TwilioSmsSender;
import io.javalin.Javalin;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The Twilio backend for the composition root: webhooks to {@link #register} on the server's Javalin app and the
 * {@link CallConnector} for the ACD. Every piece of call state is in the database (written behind the answer: committed
 * within about a millisecond, and when the database closes; see ADR 0043), so a new backend over the same store
 * continues the calls of the previous one.
 */
public final class TwilioBackend implements AutoCloseable {
    private final TwilioRoutes routes;
    private final TwilioCallConnector connector;
    private final ExecutorService rest;
    private final Alerts alerts;
    private final ExecutorService later;
    private final TwilioConference conference;

    /** Forwards to the alert target set later (the API starts after the backend). */
    static final class Alerts implements java.util.function.Consumer<String> {
        volatile java.util.function.Consumer<String> target = text -> { };

        @Override
        public void accept(String text) {
            target.accept(text);
        }
    }

    private TwilioBackend(TwilioRoutes routes, TwilioCallConnector connector, ExecutorService rest, Alerts alerts,
                          ExecutorService later, TwilioConference conference) {
        this.conference = conference;
        this.alerts = alerts;
        this.later = later;
        this.routes = routes;
        this.connector = connector;
        this.rest = rest;
    }

    /**
     * @param sounds the recordings directory ({@code sounds/<lang>/<key>.wav}), served under {@code /sounds/}
     * @param sms    receives delivery reports; empty when texts do not go through Twilio
     */
    public static TwilioBackend create(TwilioConfig config, CallHandler handler, Acd acd, Database db, Path sounds,
                                       Optional<SmsService> sms, Clock clock) {
        if (!config.enabled()) {
            throw new IllegalStateException("twilio.enabled is false");
        }
        TwimlRenderer twiml = new TwimlRenderer(config);
        TwilioCalls calls = new TwilioCalls(db, clock);
        TwilioVoice voice = new TwilioVoice(handler, acd, calls, twiml);
        ExecutorService rest = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "twilio-rest");
            t.setDaemon(true);
            return t;
        });
        Alerts alerts = new Alerts();
        java.util.concurrent.ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "twilio-connect-retry");
            t.setDaemon(true);
            return t;
        });
        TwilioRestClient client = restClient(config);
        TwilioConference conference = new TwilioConference(client, config, twiml, voice,
                new OperatorLegs(voice, calls, acd, handler), new CallbackConference(client, config, twiml,
                new CallbackCalls(db, clock), acd, rest), acd, rest);
        TwilioCallConnector connector = new TwilioCallConnector(client, config, twiml, voice, acd, rest,
                Duration.ofMillis(250), later, new ConnectFailures(clock), alerts, conference);
        return new TwilioBackend(new TwilioRoutes(config, voice, new TwilioCallbacks(acd, conference.callbacks()), sms, sounds,
                new WebhookReplays(clock), conference), connector, rest, alerts, later, conference);
    }

    /** The SDK client for this config (api.twilio.com, or {@code twilio.api-base-url}). */
    public static TwilioRestClient restClient(TwilioConfig config) {
        return TwilioClients.restClient(config.accountSid(), config.authToken(), config.apiBaseUrl(), config.restTimeout());
    }

    /** The Messages API sender with the delivery-report webhook of this server. */
    public static SmsSender smsSender(TwilioConfig config) {
        return new TwilioSmsSender(restClient(config), config.fromNumber(),
                Optional.of(config.publicBaseUrl() + WebhookPaths.SMS_STATUS));
    }

    /**
     * The sender {@code sms.provider} asks for: the log only, or Twilio's Messages API (which needs the twilio
     * section enabled, for the account and the delivery-report webhook).
     */
    public static SmsSender smsSender(SmsConfig sms, TwilioConfig twilio) {
        if (sms.provider() == SmsConfig.Provider.LOG) {
            return new LogOnlySmsSender();
        }
        if (!twilio.enabled()) {
            throw new ConfigException("sms.provider", "twilio needs the twilio section enabled (account, token, from-number, public-base-url)");
        }
        return smsSender(twilio);
    }

    /** Adds the webhooks ({@link WebhookPaths}) and {@code GET /sounds/...} to the server's app. */
    public void register(Javalin app) {
        routes.register(app);
    }

    public CallConnector connector() {
        return connector;
    }

    /**
     * Where alerts for supervisors go (e.g. connects to operators keep failing because Twilio does): set once the
     * desktop API is up; until then they are only logged. The text is English, one line.
     */
    public void alertSupervisors(java.util.function.Consumer<String> alerts) {
        this.alerts.target = alerts;
    }

    /**
     * Records the conversations {@code recording} asks for: the conference is recorded by Twilio and the recording
     * fetched into {@code recording.dir} (ADR 0128); without it nothing is recorded.
     */
    public void recorder(dev.frontline.server.recording.CallRecorder recorder) {
        conference.recorder(recorder);
    }

    /**
     * Told when a supervisor's phone leaves a conversation by itself (hung up, never answered): the call and the
     * supervisor's endpoint, so the desks end that listening-in at once (ADR 0151).
     */
    public void onSupervisorLeft(java.util.function.BiConsumer<dev.frontline.core.common.CallId, String> listener) {
        conference.supervisorLeft(listener);
    }

    /** Lets REST calls in flight finish (up to 5 s). */
    @Override
    public void close() {
        later.shutdown();
        rest.shutdown();
        try {
            rest.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
