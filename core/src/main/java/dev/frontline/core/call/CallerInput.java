package dev.frontline.core.call;

/** What happened on the line since the last {@link Turn}. */
public sealed interface CallerInput
        permits CallerInput.Digits, CallerInput.NoInput, CallerInput.HungUp, CallerInput.HoldTick,
                CallerInput.OperatorLegEnded {

    /** Keys pressed in answer to {@link Await.CollectDigits} (or while on hold), without the terminating '#'. */
    record Digits(String digits) implements CallerInput {
        private static final java.util.regex.Pattern KEYS = java.util.regex.Pattern.compile("[0-9*#]+");

        public Digits {
            if (digits == null || !KEYS.matcher(digits).matches()) {
                throw new IllegalArgumentException("digits must be 0-9, * or #: '" + digits + "'");
            }
        }
    }

    /** The caller pressed nothing before the timeout. */
    record NoInput() implements CallerInput {}

    /**
     * The caller hung up. The handler records where, and takes the caller out of any queue. {@code lineLost}: the
     * PBX or provider cut the line (a restart), not the caller: a queued caller keeps its place as a callback and
     * the call is not counted as abandoned.
     */
    record HungUp(boolean lineLost) implements CallerInput {
        public HungUp() {
            this(false);
        }
    }

    /** Sent periodically while the caller waits in a queue; the answer carries position/wait announcements. */
    record HoldTick() implements CallerInput {}

    /** The operator leg of a connected call ended and the caller is still on the line (e.g. for a rating). */
    record OperatorLegEnded() implements CallerInput {}
}
