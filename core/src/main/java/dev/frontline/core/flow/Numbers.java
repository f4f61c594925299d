package dev.frontline.core.flow;

import dev.frontline.core.call.Prompt;
import dev.frontline.core.common.Language;

/**
 * Numbers said as words from the recordings {@code sounds/<lang>/numbers/0..99} (made by {@code sounds/generate.sh});
 * larger numbers are read digit by digit.
 */
final class Numbers {
    static final int MAX_WORD = 99;

    private Numbers() {
    }

    /** The recording key of {@code n}, {@code numbers/12}. */
    static String key(int n) {
        return "numbers/" + n;
    }

    /** The numeral the recording of {@code n} was made from (its manifest hash is of this text). */
    static String text(int n) {
        return Integer.toString(n);
    }

    /** One number word for 0..99, otherwise its digits. */
    static Instruction.Media say(Language language, long n) {
        if (n < 0) throw new IllegalArgumentException("cannot say a negative number: " + n);
        if (n <= MAX_WORD) return new Instruction.Play(new Prompt(language, key((int) n), text((int) n)));
        return new Instruction.SayDigits(language, Long.toString(n));
    }
}
