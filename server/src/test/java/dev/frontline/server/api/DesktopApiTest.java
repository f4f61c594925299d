package dev.frontline.server.api;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.common.CallId;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.server.testing.ApiFixture;
import dev.frontline.server.testing.DeskClient;
import dev.frontline.core.testing.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The desktop API over real loopback HTTP and WebSocket (docs/api.md). */
class DesktopApiTest {
    @TempDir
    Path dir;
    MutableClock clock;
    ApiFixture f;
    DeskClient http;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
        f = new ApiFixture(dir, clock, Duration.ofHours(1));
        http = f.client;
    }

    @AfterEach
    void stop() {
        f.close();
    }

    @Test
    void loginReturnsATokenAndRole() {
        DeskClient.Reply r = http.post("/api/login", null, "{\"login\":\"anna\",\"password\":\"secret\"}");

        assertThat(r.status()).isEqualTo(200);
        Views.LoginResponse body = r.as(Views.LoginResponse.class);
        assertThat(body.token()).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url
        assertThat(body.role()).isEqualTo("operator");
        assertThat(body.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
    }

    @Test
    void wrongPasswordIs401AndNoToken() {
        DeskClient.Reply r = http.post("/api/login", null, "{\"login\":\"anna\",\"password\":\"guess\"}");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().get("code").asText()).isEqualTo("unauthorized");
        assertThat(r.body()).doesNotContain("token\":\"");
    }

    @Test
    void loginAttemptsAreRateLimitedPerLogin() {
        for (int i = 0; i < 10; i++) {
            assertThat(http.post("/api/login", null, "{\"login\":\"anna\",\"password\":\"x\"}").status()).isEqualTo(401);
        }

        DeskClient.Reply r = http.post("/api/login", null, "{\"login\":\"anna\",\"password\":\"secret\"}");

        assertThat(r.status()).isEqualTo(429);
        assertThat(r.json().get("code").asText()).isEqualTo("rate-limited");
    }

    @Test
    void queriesAndWebSocketNeedAToken() {
        assertThat(http.get("/api/callbacks", null).status()).isEqualTo(401);
        assertThat(http.get("/api/callbacks", "not-a-token").status()).isEqualTo(401);

        CompletionException e = assertThrows(CompletionException.class, () -> http.connectAsync("forged").join());
        assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(401);
    }

    @Test
    void expiredTokenClosesTheSocketWithAReasonAndIsRefusedOverHttp() throws Exception {
        String token = http.login("anna", "secret");
        DeskClient.Socket ws = http.connect(token);
        ws.await(ServerMessage.Welcome.class, 5);

        clock.advance(Duration.ofHours(1).plusSeconds(1));

        assertThat(ws.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(4001);
        assertThat(ws.closeReason).isEqualTo("token expired");
        assertThat(http.get("/api/callbacks", token).status()).isEqualTo(401);
    }

    @Test
    void theWebSocketAcceptsABearerHeaderAndTheTestPhoneHearsHoldAnnouncements() throws Exception {
        String token = http.login("sue", "secret");
        java.util.concurrent.BlockingQueue<String> texts = new java.util.concurrent.LinkedBlockingQueue<>();
        java.net.http.WebSocket ws = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + token)
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + f.api.port() + "/api/ws"),
                        new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w,
                                                                                   CharSequence data, boolean last) {
                                texts.add(data.toString());
                                w.request(1);
                                return null;
                            }
                        }).join();

        placeQueuedCall(token); // nobody is Ready: the caller waits, announcements every second

        assertThat(texts.poll(5, TimeUnit.SECONDS)).contains("\"type\":\"welcome\"");
        String announcement = null;
        for (int i = 0; i < 20 && announcement == null; i++) {
            String t = texts.poll(5, TimeUnit.SECONDS);
            if (t != null && t.contains("\"type\":\"phone-turn\"")) {
                announcement = t;
            }
        }
        assertThat(announcement).contains("still-waiting").contains("\"await\":\"queue\"");
        ws.sendClose(java.net.http.WebSocket.NORMAL_CLOSURE, "bye");
    }

    @Test
    void logoutEndsTheSessionAndClosesItsSockets() throws Exception {
        String token = http.login("anna", "secret");
        DeskClient.Socket ws = http.connect(token);
        ws.await(ServerMessage.Welcome.class, 5);

        assertThat(http.post("/api/logout", token, "").status()).isEqualTo(204);

        assertThat(ws.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(4001);
        assertThat(ws.closeReason).isEqualTo("logged out");
        assertThat(http.get("/api/callbacks", token).status()).isEqualTo(401);
    }

    @Test
    void badCommandsGetAnErrorNamingTheProblemAndTheConnectionStaysUp() throws Exception {
        DeskClient.Socket ws = http.connect(http.login("anna", "secret"));
        ws.await(ServerMessage.Welcome.class, 5);

        ws.sendRaw("{not json");
        ServerMessage.ErrorReply notJson = ws.await(ServerMessage.ErrorReply.class, 5);
        ws.sendRaw("{\"type\":\"launch-rockets\",\"id\":\"x1\"}");
        ServerMessage.ErrorReply unknown = ws.await(ServerMessage.ErrorReply.class, 5);
        ws.sendRaw("{\"type\":\"add-note\",\"id\":\"x2\",\"text\":\"hello\"}");
        ServerMessage.ErrorReply missing = ws.await(ServerMessage.ErrorReply.class, 5);
        String ok = ws.send(new ClientMessage.SetState(ws.nextId(), OperatorState.READY, null));

        assertThat(notJson.code()).isEqualTo("bad-json");
        assertThat(unknown.replyTo()).isEqualTo("x1");
        assertThat(unknown.code()).isEqualTo("unknown-type");
        assertThat(unknown.message()).contains("launch-rockets");
        assertThat(missing.code()).isEqualTo("missing-field");
        assertThat(missing.message()).contains("ticketId");
        assertThat(ws.reply(ok)).isInstanceOf(ServerMessage.Ack.class);
    }

    @Test
    void fullSimulatedCallFromTestPhoneToScreenPopToWrapUp() throws Exception {
        DeskClient.Socket anna = http.connect(http.login("anna", "secret"));
        anna.await(ServerMessage.Welcome.class, 5);
        ready(anna);
        String tester = http.login("sue", "secret");
        DeskClient.Socket phoneWs = http.connect(tester);

        // the test phone dials and presses 1
        DeskClient.Reply dial = http.post("/api/sim/calls", tester, "{\"from\":\"+37061111111\"}");
        assertThat(dial.status()).isEqualTo(201);
        Views.PhoneCallAnswer first = dial.as(Views.PhoneCallAnswer.class);
        assertThat(first.turn().await()).isEqualTo("digits");
        assertThat(first.turn().steps().get(0).soundUrl()).isEqualTo("/sounds/en/menu.wav");
        Views.PhoneCallAnswer queued = http.post("/api/sim/calls/" + first.callId() + "/input", tester,
                "{\"digits\":\"1\"}").as(Views.PhoneCallAnswer.class);
        assertThat(queued.turn().await()).isEqualTo("queue");

        // the operator's desktop pops the customer before the phone rings
        ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 5);
        assertThat(pop.callId()).isEqualTo(first.callId());
        assertThat(pop.customer().name()).isEqualTo("Jonas Jonaitis");
        assertThat(pop.trail().steps()).containsExactly("language: en", "pressed 1 (technical failure)");
        assertThat(pop.trail().intent()).isEqualTo("technical");

        String accept = anna.send(new ClientMessage.AcceptCall(anna.nextId(), pop.callId()));
        assertThat(anna.reply(accept)).isInstanceOf(ServerMessage.Ack.class);
        anna.await(ServerMessage.CallConnected.class, 5);
        assertThat(phoneWs.await(ServerMessage.PhoneTurnPushed.class, 5).turn().await()).isEqualTo("connected");

        String create = anna.send(new ClientMessage.CreateTicket(anna.nextId(), pop.callId(), null, "No internet",
                null));
        ServerMessage.Ack created = (ServerMessage.Ack) anna.reply(create);
        anna.reply(anna.send(new ClientMessage.AddNote(anna.nextId(), created.detail(), "Router restarted")));

        anna.reply(anna.send(new ClientMessage.HangUpCall(anna.nextId(), pop.callId())));
        ServerMessage.CallFinished finished = anna.await(ServerMessage.CallFinished.class, 5);
        assertThat(finished.wrapUpUntil()).isAfter(finished.at());
        Views.PhoneTurn rating = phoneWs.await(ServerMessage.PhoneTurnPushed.class, 5).turn();
        assertThat(rating.steps().get(0).key()).isEqualTo("rate");

        ServerMessage.StateChanged state;
        do {
            state = anna.await(ServerMessage.StateChanged.class, 5);
        } while (state.state() != OperatorState.WRAP_UP);
        ServerMessage end = anna.reply(anna.send(new ClientMessage.EndWrapUp(anna.nextId())));
        assertThat(end).isInstanceOf(ServerMessage.Ack.class);

        Views.TicketDetail ticket = http.get("/api/tickets/" + created.detail(), http.login("anna", "secret"))
                .as(Views.TicketDetail.class);
        assertThat(ticket.notes()).filteredOn(n -> n.kind().equals("note")).extracting(Views.TicketNote::text)
                .containsExactly("Router restarted");
    }

    @Test
    void screenPopGoesOnlyToTheOfferedOperatorAndOthersCannotReadItsCustomer() throws Exception {
        String annaToken = http.login("anna", "secret");
        String borisToken = http.login("boris", "secret");
        DeskClient.Socket anna = http.connect(annaToken);
        DeskClient.Socket boris = http.connect(borisToken);
        ready(anna);
        boris.reply(boris.send(new ClientMessage.SetState(boris.nextId(), OperatorState.BREAK, "lunch")));

        f.directory.report("Kaunas", "Fibre cut on Savanoriu pr.", clock.instant(), java.util.Optional.empty());
        String callId = placeQueuedCall(annaToken);
        ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 5);

        assertThat(pop.callId()).isEqualTo(callId);
        assertThat(pop.customer().services()).containsExactly("internet", "tv");
        assertThat(pop.outage().description()).isEqualTo("Fibre cut on Savanoriu pr.");
        assertThat(boris.drain(300)).noneMatch(m -> m instanceof ServerMessage.ScreenPop);
        assertThat(http.get("/api/customers/1", annaToken).status()).isEqualTo(200);
        DeskClient.Reply refused = http.get("/api/customers/1", borisToken);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asText()).isEqualTo("forbidden");
        ServerMessage stolen = boris.reply(boris.send(new ClientMessage.AcceptCall(boris.nextId(), callId)));
        assertThat(stolen).isInstanceOf(ServerMessage.ErrorReply.class);
        assertThat(((ServerMessage.ErrorReply) stolen).code()).isEqualTo("forbidden");
    }

    @Test
    void anOfferThatGoesAwaySaysWhyToThatOperator() throws Exception {
        String token = http.login("anna", "secret");
        DeskClient.Socket anna = http.connect(token);
        ready(anna);

        // the ring times out: the call goes back to the queue and anna is told it was not answered
        String first = placeQueuedCall(token);
        anna.await(ServerMessage.ScreenPop.class, 5);
        f.acd.ringNoAnswer(new CallId(first));
        ServerMessage.CallOfferWithdrawn notAnswered = anna.await(ServerMessage.CallOfferWithdrawn.class, 5);
        assertThat(notAnswered.callId()).isEqualTo(first);
        assertThat(notAnswered.reason()).isEqualTo(ServerMessage.CallOfferWithdrawn.NOT_ANSWERED);

        // ready again, the next call rings; its caller hangs up before anna answers: not anna's miss
        ready(anna);
        String second = placeQueuedCall(token);
        anna.await(ServerMessage.ScreenPop.class, 5);
        f.acd.callerHungUp(new CallId(second));
        ServerMessage.CallOfferWithdrawn hungUp = anna.await(ServerMessage.CallOfferWithdrawn.class, 5);
        assertThat(hungUp.callId()).isEqualTo(second);
        assertThat(hungUp.reason()).isEqualTo(ServerMessage.CallOfferWithdrawn.CALLER_HUNG_UP);
    }

    @Test
    void aScreenPopListsTheCustomersEarlierCallsButNotTheCallBeingOffered() throws Exception {
        String token = http.login("anna", "secret");
        DeskClient.Socket anna = http.connect(token);
        ready(anna);
        String first = placeQueuedCall(token);
        ServerMessage.ScreenPop firstPop = anna.await(ServerMessage.ScreenPop.class, 5);
        f.acd.ringNoAnswer(new CallId(first));
        anna.await(ServerMessage.CallOfferWithdrawn.class, 5);

        ready(anna);
        placeQueuedCall(token);
        ServerMessage.ScreenPop secondPop = anna.await(ServerMessage.ScreenPop.class, 5);

        assertThat(firstPop.lastContacts()).noneMatch(c -> c.channel().equals("call"));
        assertThat(secondPop.lastContacts()).filteredOn(c -> c.channel().equals("call")).hasSize(1);
    }

    @Test
    void anOperatorMayOpenACustomerItSearchedFor() {
        String token = http.login("boris", "secret");
        assertThat(http.get("/api/customers/1", token).status()).isEqualTo(403);

        DeskClient.Reply found = http.get("/api/customers?q=jonas", token);

        assertThat(found.json().get(0).get("contractNumber").asText()).isEqualTo("C-1001");
        Views.CustomerDetail detail = http.get("/api/customers/1", token).as(Views.CustomerDetail.class);
        assertThat(detail.customer().name()).isEqualTo("Jonas Jonaitis");
    }

    @Test
    void reconnectingMidCallGetsTheCurrentCallInTheWelcome() throws Exception {
        String token = http.login("anna", "secret");
        DeskClient.Socket anna = http.connect(token);
        ready(anna);
        placeQueuedCall(http.login("sue", "secret"));
        ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 5);
        assertThat(anna.reply(anna.send(new ClientMessage.AcceptCall(anna.nextId(), pop.callId()))))
                .isInstanceOf(ServerMessage.Ack.class);
        anna.await(ServerMessage.CallConnected.class, 5);

        anna.close();
        DeskClient.Socket again = http.connect(token);
        ServerMessage.Welcome welcome = again.await(ServerMessage.Welcome.class, 5);

        assertThat(welcome.state()).isEqualTo(OperatorState.TALKING);
        assertThat(welcome.callPhase()).isEqualTo("connected");
        assertThat(welcome.current().callId()).isEqualTo(pop.callId());
        assertThat(welcome.current().customer().name()).isEqualTo("Jonas Jonaitis");
        ServerMessage hangUp = again.reply(again.send(new ClientMessage.HangUpCall(again.nextId(), pop.callId())));
        assertThat(hangUp).isInstanceOf(ServerMessage.Ack.class);
    }

    @Test
    void aBreakReasonIsACodeAndATranslatedLabelIsRefused() throws Exception {
        DeskClient.Socket anna = http.connect(http.login("anna", "secret"));

        ServerMessage label = anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.BREAK, "Обед")));
        assertThat(label).isInstanceOfSatisfying(ServerMessage.ErrorReply.class, e -> {
            assertThat(e.code()).isEqualTo("invalid");
            assertThat(e.message()).contains("'Обед'", "lunch", "training");
        });
        ServerMessage code = anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.BREAK, "lunch")));
        assertThat(code).isInstanceOf(ServerMessage.Ack.class);
    }

    @Test
    void supervisorsGetQueueSnapshotsAndOperatorsDoNot() throws Exception {
        DeskClient.Socket sue = http.connect(http.login("sue", "secret"));
        DeskClient.Socket anna = http.connect(http.login("anna", "secret"));
        anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.BREAK, "coffee")));

        ServerMessage.StateChanged change = sue.await(ServerMessage.StateChanged.class, 5);
        ServerMessage.QueueSnapshot snap = sue.await(ServerMessage.QueueSnapshot.class, 3);
        // a snapshot the feed built just before the change can arrive after it (seen once on a loaded machine):
        // wait, with a deadline, for one that shows it
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (snap.operators().stream().noneMatch(r -> r.login().equals("anna") && r.state() == OperatorState.BREAK)
                && System.nanoTime() < deadline) {
            snap = sue.await(ServerMessage.QueueSnapshot.class, 3);
        }

        assertThat(change.login()).isEqualTo("anna");
        assertThat(snap.operators()).anySatisfy(row -> {
            assertThat(row.login()).isEqualTo("anna");
            assertThat(row.state()).isEqualTo(OperatorState.BREAK);
            assertThat(row.reason()).isEqualTo("coffee");
            assertThat(row.skills()).as("queues by priority, then lines").containsExactly("technical", "sales", "general", "line1");
        });
        assertThat(anna.drain(1200)).noneMatch(m -> m instanceof ServerMessage.QueueSnapshot);
        assertThat(http.get("/api/queues", http.login("anna", "secret")).status()).isEqualTo(403);
    }

    @Test
    void knowledgeBaseSuggestsArticlesAndTicketsEscalate() throws Exception {
        f.db.inTransaction(c -> {
            try (var st = c.createStatement()) {
                st.executeUpdate("INSERT INTO kb_articles (title, body, tags, language) VALUES "
                        + "('Router does not connect', 'Restart the router and check the cables.', 'router,internet', 'en')");
            }
            return null;
        });
        String token = http.login("anna", "secret");
        DeskClient.Socket anna = http.connect(token);
        ready(anna);
        placeQueuedCall(token);
        ServerMessage.ScreenPop pop = anna.await(ServerMessage.ScreenPop.class, 5);

        ServerMessage kb = anna.reply(anna.send(new ClientMessage.SuggestKb(anna.nextId(), "router blinks")));
        ServerMessage.Ack ticket = (ServerMessage.Ack) anna.reply(anna.send(new ClientMessage.CreateTicket(
                anna.nextId(), pop.callId(), null, "Router blinks red", null)));
        ServerMessage up = anna.reply(anna.send(new ClientMessage.EscalateTicket(anna.nextId(), ticket.detail(),
                dev.frontline.core.common.Tier.LINE2, "needs an engineer")));
        ServerMessage down = anna.reply(anna.send(new ClientMessage.EscalateTicket(anna.nextId(), ticket.detail(),
                dev.frontline.core.common.Tier.LINE1, null)));

        assertThat(((ServerMessage.KbSuggestions) kb).articles()).extracting(Views.KbArticle::title)
                .containsExactly("Router does not connect");
        assertThat(http.get("/api/kb?q=router", token).json().get(0).get("title").asText())
                .isEqualTo("Router does not connect");
        assertThat(up).isInstanceOf(ServerMessage.Ack.class);
        assertThat(down).isInstanceOf(ServerMessage.ErrorReply.class);
        assertThat(((ServerMessage.ErrorReply) down).message()).contains("line2");
        Views.TicketDetail detail = http.get("/api/tickets/" + ticket.detail(), token).as(Views.TicketDetail.class);
        assertThat(detail.ticket().tier()).isEqualToIgnoringCase("line2");
        assertThat(detail.customerId()).isEqualTo(1L);

        // escalated to line 2: working it is line 2's (or a supervisor's) job now, not anna's on line 1
        ServerMessage notHers = anna.reply(anna.send(new ClientMessage.CloseTicket(anna.nextId(), ticket.detail(),
                "router replaced")));
        assertThat(notHers).isInstanceOfSatisfying(ServerMessage.ErrorReply.class,
                e -> assertThat(e.code()).isEqualTo("forbidden"));
        DeskClient.Socket sue = http.connect(http.login("sue", "secret"));
        sue.await(ServerMessage.Welcome.class, 5);
        ServerMessage noReason = sue.reply(sue.send(new ClientMessage.CloseTicket(sue.nextId(), ticket.detail(), " ")));
        ServerMessage closed = sue.reply(sue.send(new ClientMessage.CloseTicket(sue.nextId(), ticket.detail(),
                "router replaced by the engineer")));
        ServerMessage again = sue.reply(sue.send(new ClientMessage.CloseTicket(sue.nextId(), ticket.detail(), "twice")));
        sue.close();
        assertThat(noReason).isInstanceOf(ServerMessage.ErrorReply.class);
        assertThat(closed).isInstanceOf(ServerMessage.Ack.class);
        assertThat(((ServerMessage.ErrorReply) again).message()).contains("closed already");
        Views.TicketDetail after = http.get("/api/tickets/" + ticket.detail(), token).as(Views.TicketDetail.class);
        assertThat(after.ticket().state()).isEqualTo("closed");
        assertThat(after.notes()).extracting(Views.TicketNote::text).contains("closed: router replaced by the engineer");
        assertThat(http.get("/api/customers/1", token).as(Views.CustomerDetail.class).openTickets())
                .extracting(Views.TicketSummary::ticketId).doesNotContain(ticket.detail());
    }

    private static void ready(DeskClient.Socket operator) throws InterruptedException {
        operator.reply(operator.send(new ClientMessage.SetState(operator.nextId(), OperatorState.READY, null)));
    }

    private String placeQueuedCall(String token) {
        String callId = http.post("/api/sim/calls", token, "{\"from\":\"+37061111111\"}")
                .as(Views.PhoneCallAnswer.class).callId();
        http.post("/api/sim/calls/" + callId + "/input", token, "{\"digits\":\"1\"}");
        return callId;
    }

    /** Issue 21: supervisors force an operator's state from the wallboard; operators may not. */
    @Test
    void aSupervisorPutsAnOperatorOnBreakAndOperatorsCannot() throws Exception {
        DeskClient.Socket sue = http.connect(http.login("sue", "secret"));
        DeskClient.Socket anna = http.connect(http.login("anna", "secret"));
        anna.reply(anna.send(new ClientMessage.SetState(anna.nextId(), OperatorState.READY, null)));

        ServerMessage denied = anna.reply(anna.send(new ClientMessage.ForceState(anna.nextId(), "anna",
                OperatorState.OFFLINE, null)));
        assertThat(denied).isInstanceOfSatisfying(ServerMessage.ErrorReply.class,
                e -> assertThat(e.code()).isEqualTo("forbidden"));
        ServerMessage ok = sue.reply(sue.send(new ClientMessage.ForceState(sue.nextId(), "anna", OperatorState.BREAK,
                "meeting")));
        assertThat(ok).isInstanceOf(ServerMessage.Ack.class);
        ServerMessage.StateChanged change = anna.await(ServerMessage.StateChanged.class, 5);
        while (change.state() != OperatorState.BREAK) {
            change = anna.await(ServerMessage.StateChanged.class, 5);
        }
        assertThat(change.reason()).isEqualTo("meeting");
        ServerMessage bad = sue.reply(sue.send(new ClientMessage.ChangePriority(sue.nextId(), "no-such-call", 1)));
        assertThat(bad).isInstanceOf(ServerMessage.ErrorReply.class);
    }
}
