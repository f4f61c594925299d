package dev.frontline.desktop.net;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/** Logs in to a server; the future completes on the UI thread with a ready {@link Desk}. */
@FunctionalInterface
public interface Authenticator {
    /**
     * @param servers the desk's servers, in the order to try them (several when they share a PostgreSQL store: the
     *                client moves to the next when one stops answering)
     */
    CompletableFuture<Desk> login(List<URI> servers, String login, String password);

    /** The real one: HTTP {@code POST /api/login}, then the live connection is up to the view model. */
    static Authenticator remote(Executor deliver) {
        return (servers, login, password) -> {
            ApiClient client = new ApiClient(servers, deliver);
            return client.login(login, password).thenApply(s -> new RemoteDesk(client, s));
        };
    }
}
