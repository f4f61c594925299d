package dev.frontline.desktop.demo;

import dev.frontline.core.config.FrontlineConfig;
import dev.frontline.server.FrontlineServer;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The demo server running in this process ({@link FrontlineServer} in demo mode: demo SQLite file, demo data and
 * traffic, the simulated line) on a free loopback port. The desktop reaches it over HTTP/WebSocket exactly like a
 * remote server; nothing else in the desktop touches server classes.
 */
public final class EmbeddedDemo implements AutoCloseable {

    /** A demo login. */
    public record Account(String login, String password) {}

    private final FrontlineServer server;
    private final Account supervisor;
    private final Account operator;

    private EmbeddedDemo(FrontlineServer server, Account supervisor, Account operator) {
        this.server = server;
        this.supervisor = supervisor;
        this.operator = operator;
    }

    /**
     * Starts the demo server; returns once it listens. Reads {@code ./frontline.yaml} when present (flows, sounds,
     * demo traffic rate), else the built-in defaults.
     *
     * @param database the demo SQLite file (replaced by a fresh one with new demo data)
     */
    public static EmbeddedDemo start(Path database) {
        // A fresh demo every time: calls on the simulated line live in memory, so a demo file from an earlier run
        // would bring back operators "talking" on calls that no longer exist (and an older build's schema).
        try {
            for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
                Files.deleteIfExists(database.resolveSibling(database.getFileName() + suffix));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot reset the demo database " + database, e);
        }
        return startOnce(database);
    }

    private static EmbeddedDemo startOnce(Path database) {
        Map<String, String> env = System.getenv();
        Path yaml = Path.of("frontline.yaml");
        FrontlineConfig config = Files.isRegularFile(yaml) ? FrontlineConfig.load(yaml, env) : FrontlineConfig.defaults(env);
        int port = portFor(dev.frontline.server.api.ApiConfig.from(config.section("api")).port());
        FrontlineServer server;
        try {
            server = FrontlineServer.start(config, FrontlineServer.Options.demo(database).withPort(port).withDeskOperator());
        } catch (RuntimeException taken) { // another process bound the port since it was found free
            if (port == 0) throw taken;
            server = FrontlineServer.start(config, FrontlineServer.Options.demo(database).withPort(0).withDeskOperator());
        }
        try {
            return new EmbeddedDemo(server, account(server, "supervisor"), deskOperator(server));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The configured API port (8080 by default: the README's form address, http://localhost:8080/callback) when it is
     * free on loopback, else any free port (a `serve` already running there); the form's address is shown either way.
     */
    static int portFor(int configured) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), configured));
            return configured;
        } catch (java.io.IOException taken) {
            return 0;
        }
    }

    /** The web callback form of this demo (the same store the desktop shows). */
    public URI formUrl() {
        return server.url().resolve("callback");
    }

    private static Account account(FrontlineServer server, String role) {
        return server.demoAccount(role).map(a -> new Account(a.login(), FrontlineServer.DEMO_PASSWORD))
                .orElseThrow(() -> new IllegalStateException("the demo data has no " + role + " account"));
    }

    /** The operator the demo traffic leaves to this desktop's human (a line-1 operator, English if there is one). */
    private static Account deskOperator(FrontlineServer server) {
        return server.demoDeskOperator().map(login -> new Account(login, FrontlineServer.DEMO_PASSWORD))
                .orElseGet(() -> account(server, "operator"));
    }

    /** The server root, e.g. {@code http://127.0.0.1:40123/}. */
    public URI url() {
        return server.url();
    }

    public Account supervisor() {
        return supervisor;
    }

    public Account operator() {
        return operator;
    }

    @Override
    public void close() {
        server.close();
    }
}
