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
    Views.LoginResponse session();

    /** Starts (or restarts) live delivery to {@code listener}; one listener per desk. */
    void listen(LiveConnection.Listener listener);

    /** A command; its id is assigned by the connection. Completes with the Ack / KbSuggestions, or fails. */
    CompletableFuture<ServerMessage> send(Function<String, ClientMessage> command);

    CompletableFuture<List<Views.CustomerCard>> searchCustomers(String query);

    /** A customer's card, open tickets and last contacts, as they are now. */
    CompletableFuture<Views.CustomerDetail> customer(long customerId);

    CompletableFuture<List<Views.CallbackRow>> callbacks();

    /** The open tickets of this desk's lines (a supervisor's: every line), most urgent first. */
    CompletableFuture<Views.LineTickets> lineTickets();

    /** A ticket with its whole history (one this desk may read). */
    CompletableFuture<Views.TicketDetail> ticket(String ticketId);

    /**
     * The recordings of call {@code callId}, oldest first ({@code GET /api/calls/{callId}/recordings}); fails with an
     * {@link ApiException} of status 403 when this desk may not hear them.
     */
    default CompletableFuture<Views.KbArticleText> article(long id) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("knowledge-base articles"));
    }

    /** The colleagues ready now, by name, to consult about a call ({@code GET /api/colleagues}). */
    default CompletableFuture<List<Views.Colleague>> colleagues() {
        return CompletableFuture.completedFuture(List.of());
    }

    default CompletableFuture<List<Views.Recording>> recordings(String callId) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("recordings"));
    }

    /** A recording's audio (a WAV file); fails with status 404 when the file is gone, 403 when not allowed. */
    default CompletableFuture<byte[]> recordingAudio(Views.Recording recording) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("recording audio"));
    }

    /** The logged-in operator's own callers' rating since {@code from} (count 0: none yet). */
    CompletableFuture<Views.OperatorRating> myRating(java.time.Instant from);

    /** The calls this operator answered since {@code from}, newest first ({@code GET /api/me/calls}). */
    default CompletableFuture<List<Views.MyCall>> myCalls(java.time.Instant from) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("my calls"));
    }

    /** Supervisors: callers' 1-5 ratings since {@code from}, overall and per operator. */
    CompletableFuture<Views.Ratings> ratings(java.time.Instant from);

    /** Supervisors: open tickets per line against its target, and the most overdue. */
    CompletableFuture<Views.TicketLines> ticketLines();

    /** Supervisors: callers on the line and the longest wait since {@code from}, in the server's buckets. */
    /** Every operator's day since {@code from}: calls handled, AHT, occupancy (supervisors only). */
    default CompletableFuture<List<Views.OperatorDay>> operatorDays(java.time.Instant from) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("operator days"));
    }

    CompletableFuture<List<Views.WaitPoint>> waitHistory(java.time.Instant from);

    /** A supervisor's reports and administration (HTTP); the server refuses them (403) to operators. */
    default AdminDesk admin() {
        throw new UnsupportedOperationException("reports and administration");
    }

    /** Test phone: a call on the simulated line; later turns arrive live as {@code PhoneTurnPushed}. */
    CompletableFuture<Views.PhoneCallAnswer> simDial(String from, String to);

    /** Test phone: the demo desk's sample callers with their PINs (empty on any other store). */
    CompletableFuture<java.util.List<Views.SampleCaller>> simSampleCallers();

    /** Test phone input: {@code digits}, or no input when null/empty, or hang up. */
    CompletableFuture<Views.PhoneCallAnswer> simInput(String callId, String digits, boolean hangup);

    /** Another desk on the same session with its own live connection (e.g. the test phone's window). */
    Desk sibling();

    /** Ends the session on the server (POST /api/logout); completes when the server has been told or could not be. */
    default CompletableFuture<Void> logOut() {
        return CompletableFuture.completedFuture(null);
    }

    /** Ends live delivery; the desk is unusable afterwards. */
    void close();
}
