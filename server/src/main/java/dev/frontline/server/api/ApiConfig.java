package dev.frontline.server.api;

import dev.frontline.core.config.ConfigException;
import dev.frontline.core.config.ConfigNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The {@code api} section of frontline.yaml.
 *
 * @param bind                  address to listen on ({@code 127.0.0.1} keeps it local; {@code 0.0.0.0} for a LAN)
 * @param port                  TCP port; 0 picks a free one (tests, the desktop's embedded demo server)
 * @param sessionTtl            how long a login token is valid
 * @param corsOrigins           browser origins allowed to call the API (empty: none)
 * @param loginAttemptsPerMinute per login and per client address
 * @param form                  the web callback form's limits and the countries it calls back
 * @param soundsDir             recorded prompts served under {@code /sounds}
 * @param requestTimeout        a connection that sends nothing for this long is closed (slow headers or body)
 * @param maxBodyBytes          the largest request body read; more is refused with 413
 * @param threadsPerAddress     requests of one client address handled at once; further ones wait without a thread
 * @param minBodyBytesPerSecond a request body arriving slower than this is refused with 408
 */
public record ApiConfig(String bind, int port, Duration sessionTtl, List<String> corsOrigins,
                        int loginAttemptsPerMinute, FormLimits form, Path soundsDir,
                        Duration requestTimeout, int maxBodyBytes, int threadsPerAddress, int minBodyBytesPerSecond) {
    /**
     * The web callback form's limits, counted in the store (they hold across restarts).
     *
     * @param postsPerHour     posts per client address per hour ({@code api.form-posts-per-hour})
     * @param postsPerPhone    requests per phone number per day ({@code api.form-posts-per-phone})
     * @param postsPerMinute   requests from everyone per minute ({@code api.form-posts-per-minute})
     * @param pendingCallbacks web callbacks not yet done, at most ({@code api.form-pending-callbacks})
     * @param countries        ISO regions whose mobile and fixed lines are called back ({@code api.form-countries});
     *                         empty: the desk's own region ({@code desk.default-region})
     */
    public record FormLimits(int postsPerHour, int postsPerPhone, int postsPerMinute, int pendingCallbacks,
                             List<String> countries) {
        public FormLimits {
            countries = List.copyOf(countries);
            for (String c : countries) {
                if (!dev.frontline.core.customer.PhoneNumbers.isRegion(c)) {
                    throw new ConfigException("api.form-countries", "'" + c + "' is not a country code (two letters,"
                            + " e.g. LT, PL, SI)");
                }
            }
        }

        public static FormLimits defaults() {
            return new FormLimits(5, 3, 30, 500, List.of());
        }

        public FormLimits withPostsPerMinute(int n) {
            return new FormLimits(postsPerHour, postsPerPhone, n, pendingCallbacks, countries);
        }

        public FormLimits withPendingCallbacks(int n) {
            return new FormLimits(postsPerHour, postsPerPhone, postsPerMinute, n, countries);
        }
    }

    public ApiConfig {
        if (bind == null || bind.isBlank()) {
            throw new ConfigException("api.bind", "is required");
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException("api.port", "must be between 0 and 65535, not " + port);
        }
        if (sessionTtl.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigException("api.session-ttl", "must be at least 1m, not " + sessionTtl);
        }
        corsOrigins = List.copyOf(corsOrigins);
        if (requestTimeout.compareTo(Duration.ofMillis(100)) < 0) {
            throw new ConfigException("api.request-timeout", "must be at least 100ms, not " + requestTimeout);
        }
    }

    public static ApiConfig defaults() {
        return new ApiConfig("127.0.0.1", 8080, Duration.ofHours(12), List.of(), 10, FormLimits.defaults(), Path.of("sounds"),
                Duration.ofSeconds(10), 64 * 1024, 16, 256);
    }

    public ApiConfig withPort(int newPort) {
        return new ApiConfig(bind, newPort, sessionTtl, corsOrigins, loginAttemptsPerMinute, form,
                soundsDir, requestTimeout, maxBodyBytes, threadsPerAddress, minBodyBytesPerSecond);
    }

    public ApiConfig withSessionTtl(Duration ttl) {
        return new ApiConfig(bind, port, ttl, corsOrigins, loginAttemptsPerMinute, form,
                soundsDir, requestTimeout, maxBodyBytes, threadsPerAddress, minBodyBytesPerSecond);
    }

    public ApiConfig withForm(FormLimits limits) {
        return new ApiConfig(bind, port, sessionTtl, corsOrigins, loginAttemptsPerMinute, limits, soundsDir,
                requestTimeout, maxBodyBytes, threadsPerAddress, minBodyBytesPerSecond);
    }

    public ApiConfig withRequestTimeout(Duration timeout) {
        return new ApiConfig(bind, port, sessionTtl, corsOrigins, loginAttemptsPerMinute, form,
                soundsDir, timeout, maxBodyBytes, threadsPerAddress, minBodyBytesPerSecond);
    }

    /** Reads {@code api:}; every key optional, unknown keys refused. */
    public static ApiConfig from(ConfigNode api) {
        ApiConfig d = defaults();
        ApiConfig c = new ApiConfig(
                api.string("bind", d.bind()),
                api.integer("port", d.port(), 0, 65535),
                api.duration("session-ttl", d.sessionTtl()),
                api.strings("cors-origins", d.corsOrigins()),
                api.integer("login-attempts-per-minute", d.loginAttemptsPerMinute(), 1, 10_000),
                new FormLimits(api.integer("form-posts-per-hour", d.form().postsPerHour(), 1, 10_000),
                        api.integer("form-posts-per-phone", d.form().postsPerPhone(), 1, 10_000),
                        api.integer("form-posts-per-minute", d.form().postsPerMinute(), 1, 100_000),
                        api.integer("form-pending-callbacks", d.form().pendingCallbacks(), 1, 1_000_000),
                        api.strings("form-countries", d.form().countries())),
                Path.of(api.string("sounds-dir", d.soundsDir().toString())),
                api.duration("request-timeout", d.requestTimeout()),
                api.integer("max-body-bytes", d.maxBodyBytes(), 1024, 16 * 1024 * 1024),
                api.integer("threads-per-address", d.threadsPerAddress(), 1, 1000),
                api.integer("min-body-bytes-per-second", d.minBodyBytesPerSecond(), 0, 1_000_000));
        api.rejectUnknownKeys();
        return c;
    }
}
