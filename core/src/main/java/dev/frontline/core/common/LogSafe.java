package dev.frontline.core.common;

/**
 * Makes a value that came from outside (a webhook parameter, the AGI environment, an API body, a CSV cell) safe to
 * put into a log line: control characters are written as escapes ({@code \r}, {@code \n}, {@code \t},
 * {@code \u001b}), so a caller id with a line break cannot forge a log line and an escape sequence cannot drive the
 * terminal that shows the log. Other text, backslashes included, is unchanged (so escaping twice changes nothing).
 * The server's log pattern applies this to every message; call it where a value is logged by other means.
 */
public final class LogSafe {
    private LogSafe() {
    }

    /** {@code value} with its control characters escaped; {@code "null"} for null. */
    public static String of(String value) {
        if (value == null) {
            return "null";
        }
        int i = 0;
        while (i < value.length() && !control(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value; // the common case: nothing to escape, no copy
        }
        StringBuilder out = new StringBuilder(value.length() + 8).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (control(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean control(char c) {
        return c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029';
    }
}
