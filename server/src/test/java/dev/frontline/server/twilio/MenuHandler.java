package dev.frontline.server.twilio;

import dev.frontline.core.call.Await;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.call.CallStart;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.call.MediaStep;
import dev.frontline.core.call.Prompt;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Language;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fixed two-level menu standing in for the flow interpreter; records what the backend fed it. */
final class MenuHandler implements CallHandler {
    final List<String> inputs = new CopyOnWriteArrayList<>();
    Language language = Language.EN;
    /** When true every start and resume throws, like a flow with a bug or a database that went away. */
    volatile boolean broken;

    @Override
    public Turn start(CallStart start) {
        failIfBroken();
        inputs.add("start " + start.callId() + " from " + start.callingNumber() + " flow " + start.flow());
        return menu(start.callId());
    }

    @Override
    public Turn resume(CallId callId, CallerInput input) {
        failIfBroken();
        inputs.add(callId + " " + describe(input));
        if (input instanceof CallerInput.Digits d && d.digits().equals("1") && !onHold.contains(callId)) {
            onHold.add(callId);
            return new Turn(callId, List.of(play("queued", "Please hold")), new Await.WaitInQueue(2, Duration.ofSeconds(90), Duration.ofSeconds(30)));
        }
        if (input instanceof CallerInput.Digits d && d.digits().equals("1")) {
            onHold.remove(callId);
            return new Turn(callId, List.of(play("callback-kept", "We will call you back")), new Await.HangUp());
        }
        if (input instanceof CallerInput.HoldTick) {
            return new Turn(callId, List.of(play("position", "You are caller number"), new MediaStep.SayDigits(language, "2")),
                    new Await.WaitInQueue(2, Duration.ofSeconds(60), Duration.ofSeconds(30)));
        }
        if (input instanceof CallerInput.OperatorLegEnded) {
            onHold.remove(callId);
            return new Turn(callId, List.of(play("rate", "Rate the call from 1 to 5")), new Await.CollectDigits(1, Duration.ofSeconds(5), false));
        }
        if (input instanceof CallerInput.HungUp) {
            onHold.remove(callId);
            return Turn.hangUp(callId);
        }
        if (input instanceof CallerInput.Digits d && d.digits().equals("9")) {
            return new Turn(callId, List.of(play("transfer", "Transferring")), new Await.TransferTo("sip:sales@pbx.example.com"));
        }
        if (input instanceof CallerInput.Digits) {
            return new Turn(callId, List.of(play("bye", "Goodbye")), new Await.HangUp());
        }
        return menu(callId);
    }

    private void failIfBroken() {
        if (broken) {
            throw new IllegalStateException("the flow broke (test)");
        }
    }

    private final List<CallId> onHold = new CopyOnWriteArrayList<>();

    private Turn menu(CallId callId) {
        return new Turn(callId, List.of(play("welcome", "Welcome. For support press 1.")),
                new Await.CollectDigits(1, Duration.ofSeconds(5), true));
    }

    private MediaStep play(String key, String text) {
        return new MediaStep.Play(new Prompt(language, key, text));
    }

    private static String describe(CallerInput input) {
        if (input instanceof CallerInput.Digits d) {
            return "digits " + d.digits();
        }
        return input.getClass().getSimpleName();
    }
}
