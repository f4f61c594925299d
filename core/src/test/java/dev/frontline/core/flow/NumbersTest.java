package dev.frontline.core.flow;

import dev.frontline.core.common.Language;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NumbersTest {

    /** What a caller hears, as recording keys and "digits:..." for read-out digits. */
    private static List<String> heard(List<Instruction.Media> media) {
        return media.stream().map(m -> m instanceof Instruction.Play p ? p.prompt().language().code() + "/" + p.prompt().key()
                : "digits:" + ((Instruction.SayDigits) m).digits()).toList();
    }

    @Test
    void numbersUpTo999AreOneOrTwoWords() {
        assertThat(heard(Numbers.say(Language.RU, 0))).containsExactly("ru/numbers/0");
        assertThat(heard(Numbers.say(Language.RU, 99))).containsExactly("ru/numbers/99");
        assertThat(heard(Numbers.say(Language.RU, 100))).containsExactly("ru/numbers/100");
        assertThat(heard(Numbers.say(Language.RU, 235))).containsExactly("ru/numbers/200", "ru/numbers/35");
        assertThat(heard(Numbers.say(Language.PL, 907))).containsExactly("pl/numbers/900", "pl/numbers/7");
        assertThat(heard(Numbers.say(Language.EN, 999))).containsExactly("en/numbers/900", "en/numbers/99");
    }

    @Test
    void largerNumbersAreReadDigitByDigit() {
        assertThat(heard(Numbers.say(Language.LT, 1000))).containsExactly("digits:1000");
    }

    @Test
    void everyWordSaidHasARecording() {
        for (int n = 0; n <= Numbers.MAX_WORD; n++) {
            for (Instruction.Media m : Numbers.say(Language.EN, n)) {
                int word = Integer.parseInt(((Instruction.Play) m).prompt().key().substring("numbers/".length()));
                assertThat(Numbers.recorded()).as("recording for %d (in %d)", word, n).contains(word);
            }
        }
    }

    @Test
    void clockTimesAreReadAsHourAndMinutes() {
        assertThat(heard(Numbers.clock(Language.LT, "1430"))).containsExactly("lt/numbers/14", "lt/numbers/30");
        assertThat(heard(Numbers.clock(Language.SL, "0905"))).containsExactly("sl/numbers/9", "sl/numbers/0", "sl/numbers/5");
        assertThat(heard(Numbers.clock(Language.EN, "1400"))).containsExactly("en/numbers/14", "en/numbers/0", "en/numbers/0");
        assertThat(heard(Numbers.clock(Language.EN, "0000"))).containsExactly("en/numbers/0", "en/numbers/0", "en/numbers/0");
    }

    @Test
    void somethingThatIsNotAClockTimeIsReadAsDigits() {
        assertThat(heard(Numbers.clock(Language.EN, "2460"))).containsExactly("digits:2460");
        assertThat(heard(Numbers.clock(Language.EN, "930"))).containsExactly("digits:930");
    }

    /**
     * The number prompts are cache keys (the TwiML fragment cache, one entry per recording played): in a hash table
     * sized as a HashMap sizes it they spread about like random keys. The record's own hash put "numbers/7" "7" and
     * "numbers/8" "8" 32 apart. Simulated over 20,000 random language hashes (the enum's hash differs per JVM): the
     * most prompts in one of the 1,024 buckets was 9-19 with the record's hash, 2-7 with the mixed one.
     */
    @Test
    void numberPromptsSpreadOverAHashTable() {
        List<dev.frontline.core.call.Prompt> prompts = new java.util.ArrayList<>();
        for (Language language : Language.values()) {
            for (int n : Numbers.recorded()) {
                prompts.add(((Instruction.Play) Numbers.say(language, n).get(0)).prompt());
            }
        }
        int buckets = Integer.highestOneBit(prompts.size() * 4 / 3) * 2; // HashMap's table at its 0.75 load factor
        int[] load = new int[buckets];
        for (var p : prompts) {
            int h = p.hashCode();
            load[(h ^ (h >>> 16)) & (buckets - 1)]++; // HashMap's and ConcurrentHashMap's bucket of h
        }
        assertThat(java.util.Arrays.stream(load).max().orElseThrow()).as("most prompts in one bucket of " + buckets)
                .isLessThanOrEqualTo(8);
    }
}
