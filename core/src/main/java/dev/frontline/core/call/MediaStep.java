package dev.frontline.core.call;

import dev.frontline.core.common.Language;

/** Something the caller hears. Steps in a turn are played in order; the caller may press a key to cut them short
 *  when the turn awaits digits. */
public sealed interface MediaStep permits MediaStep.Play, MediaStep.SayDigits {

    record Play(Prompt prompt) implements MediaStep {}

    /** Digits read one by one from the recordings {@code sounds/<lang>/digits/<d>}. Never used for secrets. */
    record SayDigits(Language language, String digits) implements MediaStep {
        private static final java.util.regex.Pattern DIGITS = java.util.regex.Pattern.compile("[0-9]+");

        public SayDigits {
            if (digits == null || !DIGITS.matcher(digits).matches()) {
                throw new IllegalArgumentException("SayDigits takes 0-9 only: '" + digits + "'");
            }
        }
    }
}
