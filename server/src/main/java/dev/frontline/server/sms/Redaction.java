package dev.frontline.server.sms;

import java.util.regex.Pattern;

/**
 * How secret texts are stored. The wording before the first {@code ": "} stays when it is plain words (letters,
 * spaces, a little punctuation, at most 60 characters: no digits, no links), so the log still says what was sent;
 * everything else is replaced. {@code "Your login: jonas42"} is stored as {@code "Your login: [redacted]"},
 * {@code "Reset at https://x/abc"} as {@code "[redacted]"}.
 */
final class Redaction {
    static final String MARK = "[redacted]";
    private static final Pattern PLAIN_WORDS = Pattern.compile("[\\p{L} ,.'()-]{1,60}");

    private Redaction() {
    }

    static String redact(String body) {
        int i = body.indexOf(": ");
        if (i < 0 || !PLAIN_WORDS.matcher(body.substring(0, i)).matches()) {
            return MARK;
        }
        return body.substring(0, i + 2) + MARK;
    }
}
