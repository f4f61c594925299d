package dev.frontline.server.api;

import io.javalin.config.JavalinConfig;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * What keeps one slow or greedy client from taking the API from everyone (the desktops, the web form and the Twilio
 * webhooks share the port), all with Jetty's own means: a connection idle for {@code api.request-timeout} is closed,
 * a body arriving slower than {@code api.min-body-bytes-per-second} gets 408, one larger than
 * {@code api.max-body-bytes} 413, and one client address has at most {@code api.threads-per-address} requests
 * in the server's hands at once ({@link RequestsPerAddress}: one more gets 503 before its body is read).
 */
final class HttpLimits {
    private HttpLimits() {
    }

    static void apply(JavalinConfig cfg, ApiConfig config) {
        apply(cfg, config, connector(config));
    }

    /** @param connector makes the server's connector from Jetty's server and HTTP configuration */
    static void apply(JavalinConfig cfg, ApiConfig config,
                      java.util.function.BiFunction<Server, HttpConfiguration, ServerConnector> connector) {
        cfg.http.maxRequestSize = config.maxBodyBytes();
        cfg.jetty.modifyHttpConfiguration(http -> {
            http.setMinRequestDataRate(config.minBodyBytesPerSecond());
            http.setIdleTimeout(config.requestTimeout().toMillis());
        });
        cfg.jetty.modifyServer(server -> server.setHandler(new RequestsPerAddress(config.threadsPerAddress())));
        cfg.jetty.addConnector(connector::apply);
    }

    /** The API's connector: {@code api.bind}, {@code api.port}, idle connections closed after the request timeout. */
    static java.util.function.BiFunction<Server, HttpConfiguration, ServerConnector> connector(ApiConfig config) {
        return (server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(config.bind());
            connector.setPort(config.port());
            connector.setIdleTimeout(config.requestTimeout().toMillis());
            return connector;
        };
    }
}
