package dev.frontline.server.flows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Prints one simulated event per line: {@code PLAY ru/welcome}, or the same as a JSON object with {@code --json}. */
final class SimulationPrinter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;
    private final boolean json;

    SimulationPrinter(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** @param fields name/value pairs for the JSON form, in order */
    void print(String event, String text, Object... fields) {
        if (!json) {
            out.println(text.isEmpty() ? event : event + " " + text);
            out.flush();
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event);
        for (int i = 0; i + 1 < fields.length; i += 2) m.put(fields[i].toString(), fields[i + 1]);
        try {
            out.println(JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }
}
