package dev.frontline.desktop.net;

import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What a logged-in view model may ask of the server. Futures complete on the UI thread. The live messages arrive
 * through the {@link LiveConnection.Listener} the view model registers with {@link #listen}.
 */
public interface Desk {
    Views.Session session();

    /** Starts (or restarts) live delivery to {@code listener}; one listener per desk. */
    void listen(LiveConnection.Listener listener);

    /** A command; its id is assigned by the connection. Completes with the Ack / KbSuggestions, or fails. */
    CompletableFuture<ServerMessage> send(Function<String, ClientMessage> command);

    CompletableFuture<List<Views.CustomerCard>> searchCustomers(String query);

    CompletableFuture<List<Views.CallbackItem>> callbacks();

    CompletableFuture<Views.SimTurn> simDial(String from, String to);

    CompletableFuture<Views.SimTurn> simInput(String callId, String digits, boolean hangup);

    CompletableFuture<Views.SimTurn> simTurn(String callId);

    /** Ends live delivery; the desk is unusable afterwards. */
    void close();
}
