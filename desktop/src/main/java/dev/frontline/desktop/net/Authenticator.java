package dev.frontline.desktop.net;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Logs in to a server; the future completes on the UI thread with a ready {@link Desk}. */
@FunctionalInterface
public interface Authenticator {
    CompletableFuture<Desk> login(URI server, String login, String password);

    /** The real one: HTTP {@code POST /api/login}, then the live connection is up to the view model. */
    static Authenticator remote(Executor deliver) {
        return (server, login, password) -> {
            ApiClient client = new ApiClient(server, deliver);
            return client.login(login, password).thenApply(s -> new RemoteDesk(client, s));
        };
    }
}
