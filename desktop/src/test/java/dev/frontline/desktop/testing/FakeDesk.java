package dev.frontline.desktop.testing;

import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.net.ApiException;
import dev.frontline.desktop.net.Desk;
import dev.frontline.desktop.net.LiveConnection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A hand-written {@link Desk}: records commands, answers them at once (Ack by default), pushes live messages. */
public final class FakeDesk implements Desk {
    public final List<ClientMessage> sent = new java.util.concurrent.CopyOnWriteArrayList<>(); // read by tests waiting off the FX thread
    public Function<ClientMessage, ServerMessage> answer = m -> new ServerMessage.Ack(m.id(), null);
    public List<Views.CallbackRow> callbacks = List.of();
    public List<Views.CustomerCard> customers = List.of();
    public final List<String> searches = new ArrayList<>();
    /** What {@link #customer} answers (null: the request fails); the ids asked are in {@link #customersRead}. */
    public Function<Long, Views.CustomerDetail> customerDetail = id -> null;
    public final List<Long> customersRead = new ArrayList<>();
    /** What {@link #waitHistory} answers (null: not answered yet, see {@link #answerWaitHistory}); the instants asked. */
    public List<Views.WaitPoint> waitHistory = List.of();
    /** What {@link #operatorDays} answers (null: the request fails). */
    public List<Views.OperatorDay> operatorDays = null;

    /** What {@link #colleagues} answers: the colleagues ready to be consulted. */
    public List<Views.Colleague> colleagues = List.of();

    @Override
    public CompletableFuture<List<Views.Colleague>> colleagues() {
        return CompletableFuture.completedFuture(colleagues);
    }

    /** What {@link #article} answers (null: 404); the ids asked. */
    public Function<Long, Views.KbArticleText> articles = id -> null;
    public final List<Long> articlesRead = new ArrayList<>();

    @Override
    public CompletableFuture<Views.KbArticleText> article(long id) {
        articlesRead.add(id);
        Views.KbArticleText a = articles.apply(id);
        return a == null ? CompletableFuture.failedFuture(new ApiException(404, "no knowledge-base article " + id))
                : CompletableFuture.completedFuture(a);
    }

    @Override
    public CompletableFuture<List<Views.OperatorDay>> operatorDays(Instant from) {
        return operatorDays == null ? CompletableFuture.failedFuture(new ApiException(404, "not found"))
                : CompletableFuture.completedFuture(operatorDays);
    }

    /** What {@link #ratings} answers (null: the request fails). */
    public Views.Ratings ratings = new Views.Ratings(0, 0, List.of());
    /** What {@link #ticketLines} answers (null: the request fails). */
    public Views.TicketLines ticketLines = null;
    public final List<Instant> ratingsAsked = new ArrayList<>();
    /** What {@link #lineTickets} answers (null: the request fails); how often it was asked. */
    public Views.LineTickets lineTickets = new Views.LineTickets(Instant.EPOCH, List.of(), List.of());
    public int lineTicketsRead;
    /** What {@link #ticket} answers (null: the request fails); the ids asked are in {@link #ticketsRead}. */
    public Function<String, Views.TicketDetail> ticketDetail = id -> null;
    public final List<String> ticketsRead = new ArrayList<>();
    /** What {@link #myCalls} answers (null: the request fails); the instants asked. */
    public List<Views.MyCall> myCalls = List.of();
    public final List<Instant> myCallsAsked = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<List<Views.MyCall>> myCalls(Instant from) {
        myCallsAsked.add(from);
        return myCalls == null ? CompletableFuture.failedFuture(new ApiException(404, "not found"))
                : CompletableFuture.completedFuture(myCalls);
    }

    /** What {@link #myRating} answers (null: the request fails). */
    public Views.OperatorRating myRating = null;
    public final List<Instant> waitHistoryAsked = new ArrayList<>();
    private CompletableFuture<List<Views.WaitPoint>> pendingHistory;
    public Function<String, Views.PhoneTurn> simInput = d -> null;
    public Views.PhoneTurn simDialAnswer;
    /** What {@link #simSampleCallers} answers. */
    public List<Views.SampleCaller> sampleCallers = List.of();
    public final List<String> simInputs = new ArrayList<>();
    private Views.LoginResponse session;
    private LiveConnection.Listener listener;
    private int ids;

    public FakeDesk(String login, String role) {
        session = new Views.LoginResponse("tok", login, "Name of " + login, role, Instant.parse("2030-01-01T00:00:00Z"), 1,
                Views.DeskSettings.DEFAULTS);
    }

    public void push(ServerMessage m) {
        listener.onMessage(m);
    }

    @SuppressWarnings("unchecked")
    public <T extends ClientMessage> T last(Class<T> type) {
        for (int i = sent.size() - 1; i >= 0; i--) {
            if (type.isInstance(sent.get(i))) return (T) sent.get(i);
        }
        throw new AssertionError("no " + type.getSimpleName() + " sent; sent: " + sent);
    }

    /** How often {@link #logOut} was called. */
    public int logOuts;

    @Override
    public CompletableFuture<Void> logOut() {
        logOuts++;
        return CompletableFuture.completedFuture(null);
    }

    /** This desk as if the server had sent {@code settings} at login. */
    public FakeDesk withDeskSettings(Views.DeskSettings settings) {
        session = new Views.LoginResponse(session.token(), session.login(), session.name(), session.role(),
                session.expiresAt(), session.version(), settings);
        return this;
    }

    @Override
    public Views.LoginResponse session() {
        return session;
    }

    @Override
    public void listen(LiveConnection.Listener l) {
        listener = l;
        l.onStatus(LiveConnection.Status.ONLINE, null);
    }

    @Override
    public CompletableFuture<ServerMessage> send(Function<String, ClientMessage> command) {
        ClientMessage m = command.apply("c" + (++ids));
        sent.add(m);
        ServerMessage a = answer.apply(m);
        if (holdReplies) {
            CompletableFuture<ServerMessage> later = new CompletableFuture<>();
            held.add(() -> later.complete(a));
            return later;
        }
        if (a instanceof ServerMessage.ErrorReply e) return CompletableFuture.failedFuture(new ApiException(0, e.message()));
        return CompletableFuture.completedFuture(a);
    }

    /** While true, commands are answered only by {@link #releaseReplies} (the operator goes on typing meanwhile). */
    public boolean holdReplies;
    private final List<Runnable> held = new ArrayList<>();

    /** Answers the commands held so far, in order. */
    public void releaseReplies() {
        holdReplies = false;
        held.forEach(Runnable::run);
        held.clear();
    }

    @Override
    public CompletableFuture<List<Views.CustomerCard>> searchCustomers(String query) {
        searches.add(query);
        return CompletableFuture.completedFuture(customers);
    }

    @Override
    public CompletableFuture<Views.CustomerDetail> customer(long customerId) {
        customersRead.add(customerId);
        Views.CustomerDetail d = customerDetail.apply(customerId);
        return d == null ? CompletableFuture.failedFuture(new ApiException(404, "no customer " + customerId))
                : CompletableFuture.completedFuture(d);
    }

    /** What {@link #recordings} answers per call id (null: fails with {@link #recordingsStatus}); the ids asked. */
    public Function<String, List<Views.Recording>> recordings = id -> List.of();
    public int recordingsStatus = 403;
    public final List<String> recordingsRead = new ArrayList<>();
    /** What {@link #recordingAudio} answers per recording id (null: fails with {@link #audioStatus}). */
    public Function<Long, byte[]> audio = id -> null;
    public int audioStatus = 404;

    @Override
    public CompletableFuture<List<Views.Recording>> recordings(String callId) {
        recordingsRead.add(callId);
        List<Views.Recording> r = recordings.apply(callId);
        return r == null ? CompletableFuture.failedFuture(new ApiException(recordingsStatus, "HTTP " + recordingsStatus))
                : CompletableFuture.completedFuture(r);
    }

    @Override
    public CompletableFuture<byte[]> recordingAudio(Views.Recording recording) {
        byte[] b = audio.apply(recording.id());
        return b == null ? CompletableFuture.failedFuture(new ApiException(audioStatus, "HTTP " + audioStatus))
                : CompletableFuture.completedFuture(b);
    }

    @Override
    public CompletableFuture<Views.LineTickets> lineTickets() {
        lineTicketsRead++;
        return lineTickets == null ? CompletableFuture.failedFuture(new ApiException(403, "not one of your lines"))
                : CompletableFuture.completedFuture(lineTickets);
    }

    @Override
    public CompletableFuture<Views.TicketDetail> ticket(String ticketId) {
        ticketsRead.add(ticketId);
        Views.TicketDetail d = ticketDetail.apply(ticketId);
        return d == null ? CompletableFuture.failedFuture(new ApiException(404, "no ticket " + ticketId))
                : CompletableFuture.completedFuture(d);
    }

    @Override
    public CompletableFuture<Views.OperatorRating> myRating(Instant from) {
        return myRating == null ? CompletableFuture.failedFuture(new ApiException(404, "not found"))
                : CompletableFuture.completedFuture(myRating);
    }

    @Override
    public CompletableFuture<Views.TicketLines> ticketLines() {
        return ticketLines == null ? CompletableFuture.failedFuture(new ApiException(404, "not found"))
                : CompletableFuture.completedFuture(ticketLines);
    }

    @Override
    public CompletableFuture<Views.Ratings> ratings(Instant from) {
        ratingsAsked.add(from);
        return ratings == null ? CompletableFuture.failedFuture(new ApiException(404, "not found"))
                : CompletableFuture.completedFuture(ratings);
    }

    @Override
    public CompletableFuture<List<Views.WaitPoint>> waitHistory(Instant from) {
        waitHistoryAsked.add(from);
        pendingHistory = waitHistory == null ? new CompletableFuture<>() : CompletableFuture.completedFuture(waitHistory);
        return pendingHistory;
    }

    /** Answers a {@link #waitHistory} request left open (when {@link #waitHistory} was null). */
    public void answerWaitHistory(List<Views.WaitPoint> points) {
        pendingHistory.complete(points);
    }

    /** Fails a {@link #waitHistory} request left open, as a server without the endpoint would. */
    public void failWaitHistory(int status, String message) {
        pendingHistory.completeExceptionally(new ApiException(status, message));
    }

    @Override
    public CompletableFuture<List<Views.CallbackRow>> callbacks() {
        return CompletableFuture.completedFuture(callbacks);
    }

    @Override
    public CompletableFuture<Views.PhoneCallAnswer> simDial(String from, String to) {
        return CompletableFuture.completedFuture(new Views.PhoneCallAnswer(simDialAnswer.callId(), simDialAnswer));
    }

    @Override
    public CompletableFuture<List<Views.SampleCaller>> simSampleCallers() {
        return CompletableFuture.completedFuture(sampleCallers);
    }

    @Override
    public CompletableFuture<Views.PhoneCallAnswer> simInput(String callId, String digits, boolean hangup) {
        String what = hangup ? "hangup" : digits == null || digits.isEmpty() ? "noInput" : digits;
        simInputs.add(what);
        Views.PhoneTurn t = simInput.apply(what);
        return CompletableFuture.completedFuture(new Views.PhoneCallAnswer(callId, t));
    }

    @Override
    public Desk sibling() {
        return this;
    }

    @Override
    public void close() {
    }
}
