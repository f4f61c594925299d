package dev.frontline.core.api;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms of the menu trail's English lines (written by the flow interpreter, {@code core.flow.Run}, and kept in
 * {@code calls.trail} and the sessions as they are) read back as {@link Views.TrailStep}s. Reading the stored line,
 * not a second stored form, makes old trails as structured as new ones (ADR 0133). A line of no known form is kind
 * {@code text}. Thread-safe.
 */
final class TrailGrammar {
    private record Form(String kind, Pattern pattern, int node, int key, int value) {}

    private static final List<Form> FORMS = List.of(
            form("gave-up", "(.+); gave up at (\\S+)", 2, 0, 1), // value: the inner line, read on its own
            form("pressed", "pressed (\\S+) \\((?!not an option\\))(.+)\\)", 0, 1, 2),
            form("invalid-key", "pressed (\\S+) \\(not an option\\)", 0, 1, 0),
            form("no-input", "no input", 0, 0, 0),
            form("entered", "entered (\\S+) (\\d+)", 0, 1, 2),
            form("skipped", "skipped (\\S+)", 0, 1, 0),
            form("invalid-entry", "no valid (\\S+) entered", 0, 1, 0),
            form("identified", "identified by (.+?): customer (\\d+), contract (.+)", 0, 1, 3),
            form("not-identified", "not identified by (.+)", 0, 1, 0),
            form("no-lookup", "caller (number) withheld", 0, 1, 0),
            form("no-lookup", "no (contract) number entered", 0, 1, 0),
            form("pin-ok", "PIN verified", 0, 0, 0),
            form("pin-failed", "wrong PIN (\\d+) times: verification failed", 0, 0, 1),
            form("pin-wrong", "wrong PIN", 0, 0, 0),
            form("pin-none", "no PIN entered", 0, 0, 0),
            form("pin-locked", "PIN locked out", 0, 0, 0),
            form("pin-missing", "no PIN on file: cannot verify", 0, 0, 0),
            form("queued", "queued: (\\S+), priority (\\d), (line\\d)", 3, 1, 2), // node: the line
            form("after-hours", "after hours", 0, 0, 0),
            form("outage", "known outage in area (.+)", 0, 0, 1),
            form("outage-heard", "heard the outage announcement", 0, 0, 0),
            form("estimated-wait", "estimated wait (\\d+) min", 0, 0, 1),
            form("callback-requested", "callback requested \\(([^)]*)\\)(?:, on-duty consultant alerted)?", 0, 0, 1),
            form("callback-declined", "declined the callback", 0, 0, 0),
            form("callback-kept-place", "chose to be called back, keeping the place in line", 0, 0, 0),
            form("hung-up-waiting", "hung up while waiting in the queue", 0, 0, 0),
            form("hung-up-after", "hung up after the operator call", 0, 0, 0),
            form("line-cut", "line cut by the PBX (?:at (\\S+)|while waiting in the queue)", 1, 0, 0),
            form("hung-up", "hung up at (\\S+)", 1, 0, 0),
            form("rated", "rated the call (\\d) of 5", 0, 0, 1),
            form("not-rated", "no rating", 0, 0, 0),
            form("sms-sent", "SMS (\\S+) sent to the mobile on file", 0, 1, 0),
            form("sms-not-sent", "SMS (\\S+) (?:refused|not possible|not sent|failed)(?:: (.*))?", 0, 1, 2),
            form("language", "language:? ([a-z]{2})", 0, 0, 1),
            form("routed", "intent (\\S+), priority (\\d), (line\\d)", 3, 1, 2), // a menu's set step
            form("call-ended", "call ended: (.+)", 0, 0, 1),
            form("transferred", "transferred to (.+)", 0, 0, 1));

    private TrailGrammar() {
    }

    private static Form form(String kind, String regex, int node, int key, int value) {
        return new Form(kind, Pattern.compile(regex, Pattern.DOTALL), node, key, value);
    }

    static Views.TrailStep parse(String line) {
        String text = line == null ? "" : line.strip();
        for (Form f : FORMS) {
            Matcher m = f.pattern().matcher(text);
            if (m.matches()) {
                return new Views.TrailStep(f.kind(), group(m, f.node()), group(m, f.key()), group(m, f.value()), text);
            }
        }
        return new Views.TrailStep("text", null, null, null, text);
    }

    private static String group(Matcher m, int i) {
        return i == 0 ? null : m.group(i);
    }
}
