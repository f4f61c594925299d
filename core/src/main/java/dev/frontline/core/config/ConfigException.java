package dev.frontline.core.config;

import java.util.List;
import java.util.function.Supplier;

/**
 * A configuration value is missing or wrong; the message starts with the key path, e.g. {@code acd.ring-timeout}.
 * Several at once (one per section, see {@link Check}) are one exception whose message has a line per problem.
 */
public class ConfigException extends RuntimeException {
    private final String key;
    private final List<ConfigException> problems;

    public ConfigException(String key, String reason) {
        super(key + ": " + reason);
        this.key = key;
        this.problems = List.of(this);
    }

    private ConfigException(List<ConfigException> problems) {
        super(String.join("\n", problems.stream().map(Throwable::getMessage).toList()));
        this.key = problems.get(0).key();
        this.problems = List.copyOf(problems);
    }

    /** The key of the (first) problem. */
    public String key() {
        return key;
    }

    /** Every problem, in the order found (this one alone unless several were collected). */
    public List<ConfigException> problems() {
        return problems;
    }

    /**
     * Parses sections one after the other and reports the problems of all of them at once, so a file with three
     * mistakes takes one round of fixing, not three: {@code T t = check.section(() -> T.from(...));} for each, then
     * {@link #done()}.
     */
    public static final class Check {
        private final List<ConfigException> problems = new java.util.ArrayList<>();

        /** The parsed section, or null (and the problem noted) when it is wrong. */
        public <T> T section(Supplier<T> parse) {
            try {
                return parse.get();
            } catch (ConfigException e) {
                problems.addAll(e.problems());
                return null;
            }
        }

        /** Notes a problem found without parsing (an unknown section). */
        public void problem(String key, String reason) {
            problems.add(new ConfigException(key, reason));
        }

        /** @throws ConfigException with every problem noted so far */
        public void done() {
            if (problems.size() == 1) {
                throw problems.get(0);
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}
