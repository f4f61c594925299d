package dev.frontline.desktop.net;

import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** The {@link Desk} of a session on a real server (HTTP + WebSocket). */
public final class RemoteDesk implements Desk {
    private final ApiClient client;
    private final Views.LoginResponse session;
    private volatile LiveConnection live;

    public RemoteDesk(ApiClient client, Views.LoginResponse session) {
        this.client = client;
        this.session = session;
    }

    @Override
    public Views.LoginResponse session() {
        return session;
    }

    @Override
    public AdminDesk admin() {
        return new RemoteAdminDesk(client, session);
    }

    @Override
    public synchronized void listen(LiveConnection.Listener listener) {
        if (live != null) live.close();
        live = client.connect(session, listener);
    }

    @Override
    public CompletableFuture<ServerMessage> send(Function<String, ClientMessage> command) {
        LiveConnection l = live;
        if (l == null) {
            return client.onDeliver(CompletableFuture.failedFuture(new ApiException(0, "not connected to the server")));
        }
        return l.send(command);
    }

    @Override
    public CompletableFuture<List<Views.CustomerCard>> searchCustomers(String query) {
        return client.searchCustomers(session, query);
    }

    @Override
    public CompletableFuture<Views.CustomerDetail> customer(long customerId) {
        return client.customer(session, customerId);
    }

    @Override
    public CompletableFuture<List<Views.Colleague>> colleagues() {
        return client.colleagues(session);
    }

    @Override
    public CompletableFuture<Views.LineTickets> lineTickets() {
        return client.lineTickets(session);
    }

    @Override
    public CompletableFuture<Views.KbArticleText> article(long id) {
        return client.article(session, id);
    }

    @Override
    public CompletableFuture<java.util.List<Views.Recording>> recordings(String callId) {
        return client.recordings(session, callId);
    }

    @Override
    public CompletableFuture<byte[]> recordingAudio(Views.Recording recording) {
        return client.recordingAudio(session, recording);
    }

    @Override
    public CompletableFuture<Views.TicketDetail> ticket(String ticketId) {
        return client.ticket(session, ticketId);
    }

    @Override
    public CompletableFuture<Views.OperatorRating> myRating(java.time.Instant from) {
        return client.myRating(session, from);
    }

    @Override
    public CompletableFuture<java.util.List<Views.MyCall>> myCalls(java.time.Instant from) {
        return client.myCalls(session, from);
    }

    @Override
    public CompletableFuture<Views.Ratings> ratings(java.time.Instant from) {
        return client.ratings(session, from);
    }

    @Override
    public CompletableFuture<Views.TicketLines> ticketLines() {
        return client.ticketLines(session);
    }

    @Override
    public CompletableFuture<List<Views.OperatorDay>> operatorDays(java.time.Instant from) {
        return client.operatorDays(session, from);
    }

    @Override
    public CompletableFuture<List<Views.WaitPoint>> waitHistory(java.time.Instant from) {
        return client.waitHistory(session, from);
    }

    @Override
    public CompletableFuture<List<Views.CallbackRow>> callbacks() {
        return client.callbacks(session);
    }

    @Override
    public CompletableFuture<Views.PhoneCallAnswer> simDial(String from, String to) {
        return client.simDial(session, from, to);
    }

    @Override
    public CompletableFuture<Views.PhoneCallAnswer> simInput(String callId, String digits, boolean hangup) {
        return client.simInput(session, callId, digits, hangup);
    }

    @Override
    public CompletableFuture<java.util.List<Views.SampleCaller>> simSampleCallers() {
        return client.simSampleCallers(session);
    }

    @Override
    public Desk sibling() {
        return new RemoteDesk(client, session);
    }

    /** The server root, for fetching sounds. */
    public java.net.URI server() {
        return client.base();
    }

    @Override
    public CompletableFuture<Void> logOut() {
        return client.logout(session);
    }

    @Override
    public synchronized void close() {
        if (live != null) live.close();
        live = null;
    }
}
