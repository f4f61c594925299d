package dev.frontline.desktop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Command-line settings: {@code [server-url] [--lang=en|lt|ru|pl|sl] [--dark] [--no-ring] [--data=dir]}; the environment may give
 * {@code FRONTLINE_SERVER} and {@code FRONTLINE_LANG}. No server URL means the demo. Several servers of one desk (a leader
 * and its standby on PostgreSQL) are written comma-separated: {@code http://a:8080,http://b:8080}.
 *
 * @param serverUrl null for the demo
 * @param language  blank for the system locale
 * @param ringTone  false with {@code --no-ring}: offers raise the window without the tone
 * @param dataDir   where the demo keeps its SQLite file {@code demo.db} (null: {@code ./data})
 */
public record DesktopSettings(String serverUrl, String language, boolean dark, String dataDir, boolean ringTone) {

    public DesktopSettings(String serverUrl, String language, boolean dark, String dataDir) {
        this(serverUrl, language, dark, dataDir, true);
    }

    /** @throws IllegalArgumentException naming the argument it cannot read */
    public static DesktopSettings parse(List<String> args, Map<String, String> env) {
        String server = blankToNull(env.get("FRONTLINE_SERVER"));
        String lang = env.getOrDefault("FRONTLINE_LANG", "");
        boolean dark = false;
        boolean ring = true;
        String data = null;
        List<String> positional = new ArrayList<>();
        for (String a : args) {
            if (a.startsWith("--lang=")) lang = a.substring(7);
            else if (a.equals("--dark")) dark = true;
            else if (a.equals("--no-ring")) ring = false;
            else if (a.startsWith("--data=")) data = a.substring(7);
            else if (a.equals("--demo")) server = null;
            else if (a.startsWith("--")) throw new IllegalArgumentException("unknown option '" + a
                    + "' (see frontline desktop --help)");
            else positional.add(a);
        }
        if (positional.size() > 1) {
            throw new IllegalArgumentException("one server URL at most, got " + positional);
        }
        if (!positional.isEmpty()) server = positional.get(0);
        if (!lang.isBlank() && !lang.matches("(?i)en|lt|ru|pl|sl")) {
            throw new IllegalArgumentException("--lang must be en, lt, ru, pl or sl, not '" + lang + "'");
        }
        return new DesktopSettings(server, lang, dark, data, ring);
    }

    public boolean demo() {
        return serverUrl == null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
