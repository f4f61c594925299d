package dev.frontline.server.twilio;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.store.Database;
import dev.frontline.server.sms.SmsService;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi;
import dev.frontline.server.twilio.peer.TwilioWebhookCaller;
import io.javalin.Javalin;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A Twilio backend on its own Javalin (port 0), configured with a public URL that is not the local one. */
final class TwilioHarness implements AutoCloseable {
    static final String SID = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "webhook-test-token";
    static final String PUBLIC = "https://ivr.example.com";

    final TwilioConfig config;
    final TwilioBackend backend;
    final Javalin app;
    final TwilioWebhookCaller twilio;

    TwilioHarness(Database db, LoopbackTwilioApi api, CallHandler handler, Acd acd, Path sounds, Map<String, Object> extra,
                  Optional<SmsService> sms) {
        Map<String, Object> section = new HashMap<>(Map.of("enabled", true, "account-sid", SID, "auth-token", TOKEN,
                "public-base-url", PUBLIC + "/", "from-number", "+37052000000", "api-base-url", api.baseUrl().toString()));
        section.putAll(extra);
        config = TwilioConfig.from(new ConfigNode("twilio", section), Map.of());
        backend = TwilioBackend.create(config, handler, acd, db, sounds, sms, Clock.systemUTC());
        app = Javalin.create(c -> c.showJavalinBanner = false);
        backend.register(app);
        app.start("127.0.0.1", 0);
        twilio = new TwilioWebhookCaller("http://127.0.0.1:" + app.port(), PUBLIC, TOKEN);
        api.conferences().deliverTo(twilio, PUBLIC);
    }

    @Override
    public void close() {
        app.stop();
        backend.close();
    }
}
