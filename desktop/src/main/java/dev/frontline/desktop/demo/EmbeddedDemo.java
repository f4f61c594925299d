package dev.frontline.desktop.demo;

import java.net.URI;
import java.nio.file.Path;

/**
 * The demo server running in this process: demo SQLite file, demo data and traffic, reached over loopback
 * HTTP/WebSocket exactly like a remote server.
 */
public final class EmbeddedDemo implements AutoCloseable {
    /** A demo login. */
    public record Account(String login, String password) {}

    private final URI url;
    private final Account supervisor;
    private final Account operator;
    private final AutoCloseable server;

    private EmbeddedDemo(URI url, Account supervisor, Account operator, AutoCloseable server) {
        this.url = url;
        this.supervisor = supervisor;
        this.operator = operator;
        this.server = server;
    }

    /** Starts the demo server; blocks until it listens. @param dataDir where the demo SQLite file lives */
    public static EmbeddedDemo start(Path dataDir) throws Exception {
        throw new IllegalStateException("the embedded demo server is not available in this build yet; "
                + "start `frontline serve --demo` and pass its URL");
    }

    public URI url() {
        return url;
    }

    public Account supervisor() {
        return supervisor;
    }

    public Account operator() {
        return operator;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
