package dev.frontline.server.twilio;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long Twilio spends on an answer before it follows its {@code <Redirect>} (what decides how often it comes
 * back): the {@code <Pause>} lengths plus each {@code <Play>} of the hold music times its loops. Other recordings
 * count as nothing (a lower bound).
 */
final class TwimlPlayback {
    private static final Pattern PAUSE = Pattern.compile("<Pause(?: length=\"(\\d+)\")?\\s*/>");
    private static final Pattern HOLD_PLAY = Pattern.compile("<Play(?: loop=\"(\\d+)\")?>[^<]*/sounds/moh/[^<]*</Play>");

    private TwimlPlayback() {
    }

    static Duration seconds(String twiml, Duration holdMusicLength) {
        Duration total = Duration.ZERO;
        Matcher pause = PAUSE.matcher(twiml);
        while (pause.find()) {
            total = total.plusSeconds(pause.group(1) == null ? 1 : Long.parseLong(pause.group(1)));
        }
        Matcher play = HOLD_PLAY.matcher(twiml);
        while (play.find()) {
            int loops = play.group(1) == null ? 1 : Integer.parseInt(play.group(1));
            total = total.plus(holdMusicLength.multipliedBy(loops == 0 ? 1000 : loops));
        }
        return total;
    }
}
