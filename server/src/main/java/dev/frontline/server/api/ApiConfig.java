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
 * @param formPostsPerHour      web callback form posts per client address per hour
 * @param formPostsPerPhone     web callback form posts per phone number per day
 * @param soundsDir             recorded prompts served under {@code /sounds}
 */
public record ApiConfig(String bind, int port, Duration sessionTtl, List<String> corsOrigins,
                        int loginAttemptsPerMinute, int formPostsPerHour, int formPostsPerPhone, Path soundsDir) {
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
    }

    public static ApiConfig defaults() {
        return new ApiConfig("127.0.0.1", 8080, Duration.ofHours(12), List.of(), 10, 5, 3, Path.of("sounds"));
    }

    public ApiConfig withPort(int newPort) {
        return new ApiConfig(bind, newPort, sessionTtl, corsOrigins, loginAttemptsPerMinute, formPostsPerHour,
                formPostsPerPhone, soundsDir);
    }

    public ApiConfig withSessionTtl(Duration ttl) {
        return new ApiConfig(bind, port, ttl, corsOrigins, loginAttemptsPerMinute, formPostsPerHour,
                formPostsPerPhone, soundsDir);
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
                api.integer("form-posts-per-hour", d.formPostsPerHour(), 1, 10_000),
                api.integer("form-posts-per-phone", d.formPostsPerPhone(), 1, 10_000),
                Path.of(api.string("sounds-dir", d.soundsDir().toString())));
        api.rejectUnknownKeys();
        return c;
    }
}
