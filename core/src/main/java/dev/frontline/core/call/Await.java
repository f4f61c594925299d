package dev.frontline.core.call;

import java.time.Duration;

/** What a backend does after playing a turn's steps. */
public sealed interface Await
        permits Await.CollectDigits, Await.WaitInQueue, Await.TransferTo, Await.HangUp, Await.Fallback {

    /**
     * Collect up to {@code maxDigits} keys; input ends at {@code maxDigits}, at '#' when {@code hashTerminates},
     * or after {@code timeout} of silence. Answer with {@link CallerInput.Digits} or {@link CallerInput.NoInput}.
     */
    record CollectDigits(int maxDigits, java.time.Duration timeout, boolean hashTerminates) implements Await {
        public CollectDigits {
            if (maxDigits < 1) throw new IllegalArgumentException("maxDigits must be >= 1");
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be > 0");
        }
    }

    /**
     * The caller is queued: play hold music, send {@link CallerInput.HoldTick} every {@code announceEvery} (its turn
     * holds the announcements), pass keys pressed on hold as {@link CallerInput.Digits} (e.g. 1 = call me back),
     * and connect the caller when a {@link CallConnector} is told to.
     */
    record WaitInQueue(int position, Duration estimatedWait, Duration announceEvery) implements Await {}

    /** Hand the call to another endpoint (a PBX extension, a number) and forget it. */
    record TransferTo(String endpoint) implements Await {}

    /**
     * The call could not be served (the store cannot write): after the steps (an apology) the backend hands the
     * caller to its fallback: Asterisk returns the channel to the dialplan (which rings the fallback phones), Twilio
     * dials {@code twilio.fallback-number} (or hangs up without one).
     */
    record Fallback() implements Await {}

    /** Hang up after the steps. */
    record HangUp() implements Await {}
}
