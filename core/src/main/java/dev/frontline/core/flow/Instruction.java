package dev.frontline.core.flow;

import dev.frontline.core.call.Prompt;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;

import java.time.Duration;

/**
 * What the interpreter asks for. A step's list is zero or more {@link Media} followed by exactly one
 * {@link Wait} (give the line to the caller) or one {@link Effect} (do it and step again with its result).
 */
public sealed interface Instruction {

    /** Something played to the caller. */
    sealed interface Media extends Instruction {}

    /** Ends a step: the caller's turn. */
    sealed interface Wait extends Instruction {}

    /** Ends a step: work for the effect runner, whose result comes back as a {@link FlowInput}. */
    sealed interface Effect extends Instruction {}

    record Play(Prompt prompt) implements Media {}

    record SayDigits(Language language, String digits) implements Media {}

    record Gather(int maxDigits, Duration timeout, boolean hashTerminates) implements Wait {}

    record WaitInQueue(int position, long waitSeconds, Duration announceEvery) implements Wait {}

    record Transfer(String endpoint) implements Wait {}

    record Hangup() implements Wait {}

    /** The call leaves the flow for the backend's fallback (Asterisk: the dialplan's fallback phones; Twilio: its fallback number). */
    record Fallback() implements Wait {}

    record LookupCaller(FlowNode.LookupBy by, String value) implements Effect {}

    /** The PIN passes through here only; {@link #toString()} hides it. */
    record VerifyPin(long customerId, String pin) implements Effect {
        @Override
        public String toString() {
            return "VerifyPin[customerId=" + customerId + ", pin=****]";
        }
    }

    /** Text {@code template} to the mobile on file of {@code customerId} (the runner resolves the number). */
    record SendSms(long customerId, String template, String purpose, boolean secret, Language language)
            implements Effect {}

    record Enqueue(Intent intent, int priority, Tier tier, Language language, Long customerId) implements Effect {}

    record QueryQueue() implements Effect {}

    /** The caller left the queue; {@code lineLost}: the PBX cut the line (the caller keeps its place). */
    record LeaveQueue(boolean lineLost) implements Effect {
        public LeaveQueue() {
            this(false);
        }
    }

    /** Virtual hold: leave the line, keep the place, be called back on {@code number}. */
    record KeepPlace(String number) implements Effect {}

    record RequestCallback(String number, Intent intent, int priority, Tier tier, Language language, Long customerId,
                           boolean nextOpening, boolean alertOnDuty, String reason) implements Effect {}

    record CheckOutage(String area) implements Effect {}

    record CheckHours() implements Effect {}

    record EstimateWait(Intent intent, int priority, Tier tier) implements Effect {}

    record RecordRating(int score) implements Effect {}
}
