package dev.frontline.core.flow;

import dev.frontline.core.common.Language;
import dev.frontline.core.customer.PinVerifier;

/** What the interpreter is told: what the caller did, or the result of an effect it asked for. */
public sealed interface FlowInput {

    // --- from the caller ---
    record Digits(String digits) implements FlowInput {}

    record NoInput() implements FlowInput {}

    /** {@code lineLost}: the PBX or provider cut the line, not the caller. */
    record HungUp(boolean lineLost) implements FlowInput {
        public HungUp() {
            this(false);
        }
    }

    record HoldTick() implements FlowInput {}

    record OperatorLegEnded() implements FlowInput {}

    // --- effect results ---
    /** Answer to {@link Instruction.LookupCaller}; fields other than {@code found} are meaningful only when found. */
    record LookupResult(boolean found, Long customerId, String contract, Language language, boolean hasMobile,
                        String area) implements FlowInput {
        public static LookupResult notFound() {
            return new LookupResult(false, null, null, null, false, null);
        }
    }

    record PinResult(PinVerifier.Result result) implements FlowInput {}

    record SmsOutcome(boolean accepted, String detail) implements FlowInput {}

    /** Answer to {@link Instruction.Enqueue} and {@link Instruction.QueryQueue}; {@code waiting} false once connected. */
    /** {@code recorded}: the conversation with the operator will be recorded (the caller is told so on joining). */
    record QueueInfo(boolean waiting, int position, long waitSeconds, boolean recorded) implements FlowInput {
        public QueueInfo(boolean waiting, int position, long waitSeconds) {
            this(waiting, position, waitSeconds, false);
        }

        public QueueInfo recorded(boolean on) {
            return new QueueInfo(waiting, position, waitSeconds, on);
        }
    }

    /** Answer to {@link Instruction.CheckOutage}; {@code expectedEnd} is local HHMM, null when unknown. */
    record OutageResult(boolean active, String expectedEnd) implements FlowInput {}

    record HoursResult(boolean open) implements FlowInput {}

    /** Answer to {@link Instruction.EstimateWait}; -1 when no estimate. */
    record WaitEstimate(long seconds) implements FlowInput {}

    /** Answer to {@link Instruction.LeaveQueue}: whether the caller was still waiting (else it had been connected). */
    record LeftQueue(boolean wasWaiting, boolean lineLost) implements FlowInput {
        public LeftQueue(boolean wasWaiting) {
            this(wasWaiting, false);
        }
    }

    /**
     * Answer to {@link Instruction.Enqueue}, {@link Instruction.KeepPlace} and {@link Instruction.RequestCallback}
     * when the ACD could not log it (the store cannot write, or the ACD refused): the caller must not be told it worked.
     */
    record NotConfirmed(String why) implements FlowInput {}

    /** Answer to effects without a result (callback requested, rating saved, place kept). */
    record Done() implements FlowInput {}
}
