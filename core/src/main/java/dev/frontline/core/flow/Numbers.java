package dev.frontline.core.flow;

import dev.frontline.core.call.Prompt;
import dev.frontline.core.common.Language;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Numbers said as words from the recordings {@code sounds/<lang>/numbers/<n>} (made by {@code sounds/generate.sh}):
 * 0..99 and the hundreds 100..900, so 0..999 is one or two words in all five languages ("two hundred" + "thirty-five",
 * "двести" + "тридцать пять", "du šimtai" + "trisdešimt penki", "dwieście" + "trzydzieści pięć", "dvesto" +
 * "petintrideset"); larger numbers are read digit by digit.
 */
final class Numbers {
    static final int MAX_WORD = 999;

    private Numbers() {
    }

    private static final List<Integer> RECORDED =
            IntStream.concat(IntStream.rangeClosed(0, 99), IntStream.rangeClosed(1, 9).map(h -> h * 100)).boxed().toList();

    /** Every number with a recording of its own. */
    static List<Integer> recorded() {
        return RECORDED;
    }

    /** The recording key of {@code n}, {@code numbers/12}. */
    static String key(int n) {
        return "numbers/" + n;
    }

    /** The numeral the recording of {@code n} was made from (its manifest hash is of this text). */
    static String text(int n) {
        return Integer.toString(n);
    }

    /** {@code n} in words for 0..999 (one or two recordings), otherwise its digits. */
    static List<Instruction.Media> say(Language language, long n) {
        if (n < 0) throw new IllegalArgumentException("cannot say a negative number: " + n);
        if (n > MAX_WORD) return List.of(new Instruction.SayDigits(language, Long.toString(n)));
        List<Instruction.Media> out = new ArrayList<>(2);
        int hundreds = (int) n / 100 * 100;
        int rest = (int) n % 100;
        if (hundreds > 0) out.add(word(language, hundreds));
        if (rest > 0 || hundreds == 0) out.add(word(language, rest));
        return out;
    }

    /**
     * A clock time {@code HHMM} as it is read aloud: the hour in words, then the minutes in words ("fourteen
     * thirty"), "zero" and a digit below ten ("fourteen zero five"), "zero zero" on the hour.
     */
    static List<Instruction.Media> clock(Language language, String hhmm) {
        if (!hhmm.matches("([01][0-9]|2[0-3])[0-5][0-9]")) {
            return List.of(new Instruction.SayDigits(language, hhmm));
        }
        int hour = Integer.parseInt(hhmm.substring(0, 2));
        int minute = Integer.parseInt(hhmm.substring(2));
        List<Instruction.Media> out = new ArrayList<>(say(language, hour));
        if (minute >= 10) {
            out.add(word(language, minute));
        } else {
            out.add(word(language, 0));
            out.add(word(language, minute));
        }
        return out;
    }

    private static Instruction.Media word(Language language, int n) {
        return new Instruction.Play(new Prompt(language, key(n), text(n)));
    }
}
