package dev.frontline.server.sim;

import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.common.CallId;
import dev.frontline.server.api.ApiException;
import dev.frontline.server.api.JsonBody;
import dev.frontline.server.api.Auth;
import dev.frontline.server.api.DeskSession;
import dev.frontline.server.api.DesktopHub;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The test phone over HTTP ({@code /api/sim/calls}); later turns go to the caller's desktops as phone-turn. On the
 * demo desk, {@code /api/sim/sample-callers} lists customers to call as, with their PINs (demo data only).
 */
public final class PhoneRoutes {
    private final SimBackend sim;
    private final Auth auth;
    private final DesktopHub hub;
    private final ConcurrentHashMap<String, String> owners = new ConcurrentHashMap<>();
    private final List<Views.SampleCaller> samples;
    private final Optional<TestPhoneTexts> texts;

    /**
     * @param samples the demo desk's sample callers (empty on any other store)
     * @param texts   the demo's simulated texts, shown on the test phone of their number (demo desk only)
     */
    public PhoneRoutes(SimBackend sim, Auth auth, DesktopHub hub, List<Views.SampleCaller> samples,
                       Optional<TestPhoneTexts> texts) {
        this.sim = sim;
        this.samples = List.copyOf(samples);
        this.texts = texts;
        this.auth = auth;
        this.hub = hub;
    }

    public void register(Javalin app) {
        app.post("/api/sim/calls", this::dial);
        app.post("/api/sim/calls/{id}/input", this::input);
        app.get("/api/sim/sample-callers", ctx -> {
            auth.require(ctx);
            ctx.json(samples);
        });
    }

    private void dial(Context ctx) {
        DeskSession s = auth.require(ctx);
        Views.PhoneCallRequest req = JsonBody.read(ctx, Views.PhoneCallRequest.class);
        if (req == null || req.from() == null || req.from().isBlank()) {
            throw ApiException.invalid("from", "is required (the number the test phone calls from)");
        }
        String from = req.from().replaceAll("[\\s()-]", "");
        if (!from.matches("\\+?[0-9]{3,20}")) {
            throw ApiException.invalid("from", "must be a phone number (digits, optional +), not '" + req.from() + "'");
        }
        if (req.to() != null && !req.to().isBlank() && !req.to().replaceAll("[\\s()-]", "").matches("\\+?[0-9]{2,20}")) {
            throw ApiException.invalid("to", "must be a phone number, not '" + req.to() + "'");
        }
        String login = s.login();
        texts.ifPresent(t -> t.dialled(from, m -> hub.toLogin(login, m)));
        Views.PhoneTurn turn = sim.dial(from, req.to(), req.flow(),
                t -> hub.toLogin(login, new ServerMessage.PhoneTurnPushed(t)));
        owners.put(turn.callId(), login);
        ctx.status(201).json(new Views.PhoneCallAnswer(turn.callId(), turn));
    }

    private void input(Context ctx) {
        DeskSession s = auth.require(ctx);
        String id = ctx.pathParam("id");
        String owner = owners.get(id);
        if (owner == null || !sim.carries(new CallId(id))) {
            owners.remove(id);
            throw ApiException.notFound("no test-phone call " + id + " (over or never placed)");
        }
        if (!owner.equals(s.login()) && !s.supervisor()) {
            throw ApiException.forbidden("call " + id + " was placed by another login");
        }
        Views.PhoneInput in = JsonBody.read(ctx, Views.PhoneInput.class);
        CallerInput input = toInput(in);
        Views.PhoneTurn turn;
        try {
            turn = sim.input(new CallId(id), input);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(e.getMessage());
        }
        if ("hangup".equals(turn.await())) {
            owners.remove(id);
        }
        ctx.json(new Views.PhoneCallAnswer(id, turn));
    }

    static CallerInput toInput(Views.PhoneInput in) {
        if (in == null) {
            throw ApiException.invalid("digits", "send one of digits, noInput or hangup");
        }
        int given = (in.digits() != null ? 1 : 0) + (Boolean.TRUE.equals(in.noInput()) ? 1 : 0)
                + (Boolean.TRUE.equals(in.hangup()) ? 1 : 0);
        if (given != 1) {
            throw ApiException.invalid("digits", "send exactly one of digits, noInput or hangup");
        }
        if (in.digits() != null) {
            if (!in.digits().matches("[0-9*#]{1,32}")) {
                throw ApiException.invalid("digits", "must be 1-32 of 0-9, * and #, not '" + in.digits() + "'");
            }
            return new CallerInput.Digits(in.digits());
        }
        return Boolean.TRUE.equals(in.hangup()) ? new CallerInput.HungUp() : new CallerInput.NoInput();
    }
}
