package dev.frontline.server.sim;

import dev.frontline.core.api.Views;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.common.CallId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Random;
import java.util.concurrent.ScheduledFuture;

/**
 * One simulated caller: listens to each turn for a moment, answers menus the way its profile says (language,
 * intent, contract), waits on hold until its patience runs out, then hangs up or asks to be called back. It reads
 * only what the test phone shows (prompt keys and what the line awaits), so it works with any flow that uses the
 * support flow's prompt names and falls back to pressing 1 elsewhere.
 */
final class DemoCaller {
    private static final Logger log = LoggerFactory.getLogger(DemoCaller.class);
    private static final List<String> LANGUAGE_DIGITS = List.of("en", "ru", "lt", "pl", "sl");
    private static final int MAX_TURNS = 40;

    /** Who is calling and what they want. */
    record Profile(String from, String contract, String language, String intentDigit, long patienceMillis,
                   boolean takesCallback) {}

    private final SimBackend sim;
    private final Profile profile;
    private final Random random;
    private final Runnable done;
    private CallId callId;
    private int turns;
    private ScheduledFuture<?> patience;
    private volatile boolean finished;

    DemoCaller(SimBackend sim, Profile profile, Random random, Runnable done) {
        this.sim = sim;
        this.profile = profile;
        this.random = random;
        this.done = done;
    }

    void dial(String flow) {
        Views.PhoneTurn first = sim.dial(profile.from(), null, flow, this::pushed);
        callId = new CallId(first.callId());
        react(first);
    }

    /** A turn the line pushed (hold announcement, connected, ended). */
    private synchronized void pushed(Views.PhoneTurn turn) {
        react(turn);
    }

    private synchronized void react(Views.PhoneTurn turn) {
        if (finished) {
            return;
        }
        switch (turn.await()) {
            case "hangup", "transfer" -> finish();
            case "connected" -> cancelPatience();
            case "queue" -> {
                if (patience == null) {
                    patience = sim.later(profile.patienceMillis(), this::lostPatience);
                }
            }
            case "digits" -> {
                if (++turns > MAX_TURNS) {
                    send(new CallerInput.HungUp());
                    return;
                }
                CallerInput answer = answer(turn);
                sim.later(300 + random.nextInt(1200), () -> send(answer));
            }
            default -> log.debug("demo caller ignores await {}", turn.await());
        }
    }

    private CallerInput answer(Views.PhoneTurn turn) {
        String keys = String.join(" ", turn.steps().stream().map(s -> s.key() == null ? "" : s.key()).toList());
        if (turn.maxDigits() > 1) {
            if (keys.contains("contract") && profile.contract() != null && profile.contract().matches("[0-9]{1,12}")) {
                return new CallerInput.Digits(profile.contract());
            }
            return new CallerInput.NoInput();
        }
        if (keys.contains("choose-language")) {
            int i = LANGUAGE_DIGITS.indexOf(profile.language());
            return new CallerInput.Digits(Integer.toString(i < 0 ? 1 : i + 1));
        }
        if (keys.contains("main-menu")) {
            return new CallerInput.Digits(profile.intentDigit());
        }
        if (keys.contains("rate")) {
            return new CallerInput.Digits(Integer.toString(3 + random.nextInt(3)));
        }
        if (keys.contains("callback")) {
            return new CallerInput.Digits(profile.takesCallback() ? "1" : "2");
        }
        return new CallerInput.Digits("1");
    }

    private synchronized void lostPatience() {
        patience = null;
        if (finished) {
            return;
        }
        if (profile.takesCallback()) {
            send(new CallerInput.Digits("1")); // on hold: 1 = call me back, keeping my place
            patience = sim.later(profile.patienceMillis(), this::lostPatience); // if nobody listens, give up later
            return;
        }
        send(new CallerInput.HungUp());
    }

    private void send(CallerInput input) {
        if (finished || callId == null) {
            return;
        }
        try {
            Views.PhoneTurn next = sim.input(callId, input);
            if (input instanceof CallerInput.HungUp) {
                finish();
            } else {
                react(next);
            }
        } catch (IllegalArgumentException e) {
            finish(); // the call is already over
        }
    }

    private synchronized void cancelPatience() {
        if (patience != null) {
            patience.cancel(false);
            patience = null;
        }
    }

    private synchronized void finish() {
        if (!finished) {
            finished = true;
            cancelPatience();
            done.run();
        }
    }
}
