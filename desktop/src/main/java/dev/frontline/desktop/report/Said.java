package dev.frontline.desktop.report;

/**
 * Something a window tells the supervisor: a bundle key with its arguments, or the server's own text (shown as it is
 * when no such key exists); {@code error} shows it in red.
 */
public record Said(String key, Object[] args, boolean error) {
    static Said ok(String key, Object... args) {
        return new Said(key, args, false);
    }

    static Said error(String text) {
        return new Said(text == null ? "error" : text, new Object[0], true);
    }
}
