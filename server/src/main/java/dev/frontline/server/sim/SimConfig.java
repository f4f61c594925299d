package dev.frontline.server.sim;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code sim} section: the simulated line and its demo traffic.
 *
 * @param enabled         the test phone and the sim backend are on
 * @param calledNumber    the desk number test calls dial
 * @param ringTimeout     an operator phone rings this long before "ring no answer"
 * @param callsPerMinute  demo arrival rate (Poisson)
 * @param maxCalls        at most this many demo calls at once (bounded load)
 * @param knownShare      share of demo callers calling from a customer's number (0..1)
 * @param patience        mean time a demo caller waits on hold before giving up
 * @param callbackShare   share of impatient demo callers who take a callback instead of hanging up
 * @param talkTime        mean conversation length of simulated operators
 * @param wrapUp          how long simulated operators stay in wrap-up
 * @param intentMix       weights of technical / sales / general
 * @param languageMix     weights per language code
 */
public record SimConfig(boolean enabled, String calledNumber, Duration ringTimeout, double callsPerMinute,
                        int maxCalls, double knownShare, Duration patience, double callbackShare, Duration talkTime,
                        Duration wrapUp, Map<String, Double> intentMix, Map<String, Double> languageMix) {
    public SimConfig {
        if (callsPerMinute < 0 || callsPerMinute > 10_000) {
            throw new ConfigException("sim.demo.calls-per-minute", "must be between 0 and 10000, not " + callsPerMinute);
        }
        if (knownShare < 0 || knownShare > 1) {
            throw new ConfigException("sim.demo.known-share", "must be between 0 and 1, not " + knownShare);
        }
        if (callbackShare < 0 || callbackShare > 1) {
            throw new ConfigException("sim.demo.callback-share", "must be between 0 and 1, not " + callbackShare);
        }
        intentMix = Map.copyOf(intentMix);
        languageMix = Map.copyOf(languageMix);
    }

    public static SimConfig defaults() {
        return new SimConfig(false, "+37052000000", Duration.ofSeconds(12), 8, 60, 0.7, Duration.ofSeconds(90), 0.3,
                Duration.ofSeconds(45), Duration.ofSeconds(10),
                Map.of("technical", 5.0, "sales", 2.0, "general", 3.0),
                Map.of("lt", 4.0, "ru", 3.0, "en", 1.5, "pl", 1.0, "sl", 0.5));
    }

    public SimConfig withEnabled(boolean on) {
        return new SimConfig(on, calledNumber, ringTimeout, callsPerMinute, maxCalls, knownShare, patience,
                callbackShare, talkTime, wrapUp, intentMix, languageMix);
    }

    public SimConfig withCallsPerMinute(double rate) {
        return new SimConfig(enabled, calledNumber, ringTimeout, rate, maxCalls, knownShare, patience, callbackShare,
                talkTime, wrapUp, intentMix, languageMix);
    }

    public SimConfig withTimes(Duration newTalkTime, Duration newWrapUp, Duration newPatience) {
        return new SimConfig(enabled, calledNumber, ringTimeout, callsPerMinute, maxCalls, knownShare, newPatience,
                callbackShare, newTalkTime, newWrapUp, intentMix, languageMix);
    }

    public static SimConfig from(ConfigNode sim) {
        SimConfig d = defaults();
        ConfigNode demo = sim.section("demo");
        SimConfig c = new SimConfig(
                sim.bool("enabled", d.enabled()),
                sim.string("called-number", d.calledNumber()),
                sim.duration("ring-timeout", d.ringTimeout()),
                number(demo, "calls-per-minute", d.callsPerMinute()),
                demo.integer("max-calls", d.maxCalls(), 1, 100_000),
                number(demo, "known-share", d.knownShare()),
                demo.duration("patience", d.patience()),
                number(demo, "callback-share", d.callbackShare()),
                demo.duration("talk-time", d.talkTime()),
                demo.duration("wrap-up", d.wrapUp()),
                weights(demo, "intent-mix", d.intentMix()),
                weights(demo, "language-mix", d.languageMix()));
        demo.rejectUnknownKeys();
        sim.rejectUnknownKeys();
        return c;
    }

    private static double number(ConfigNode node, String name, double def) {
        String v = node.string(name, null);
        if (v == null) {
            return def;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(node.key(name), "must be a number, not '" + v + "'");
        }
    }

    /** {@code technical: 5, sales: 2} or {@code "technical=5, sales=2"}. */
    private static Map<String, Double> weights(ConfigNode node, String name, Map<String, Double> def) {
        if (!node.has(name)) {
            node.string(name, null);
            return def;
        }
        ConfigNode section;
        try {
            section = node.section(name);
        } catch (ConfigException e) {
            throw new ConfigException(node.key(name), "must be a section of name: weight lines");
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String key : def.keySet()) {
            if (section.has(key)) {
                out.put(key, number(section, key, 0));
            }
        }
        section.rejectUnknownKeys();
        if (out.isEmpty() || out.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new ConfigException(node.key(name), "needs at least one positive weight (keys: "
                    + String.join(", ", def.keySet()) + ")");
        }
        return out;
    }
}
