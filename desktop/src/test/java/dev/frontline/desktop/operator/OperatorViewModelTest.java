package dev.frontline.desktop.operator;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.Tier;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OperatorViewModelTest {
    private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");
    private final MutableClock clock = new MutableClock(T0);
    private FakeDesk desk;
    private OperatorViewModel vm;

    @BeforeEach
    void setUp() {
        desk = new FakeDesk("op1", "operator");
        vm = new OperatorViewModel(desk, clock);
        vm.start();
        desk.push(Samples.welcome("op1", OperatorState.READY, T0));
    }

    @Test
    void welcomeRestoresStateAndTimeInStateCounts() {
        clock.advance(Duration.ofSeconds(75));
        vm.tick();
        assertThat(vm.stateProperty().get()).isEqualTo(OperatorState.READY);
        assertThat(vm.timeInStateProperty().get()).isEqualTo(Duration.ofSeconds(75));
    }

    @Test
    void welcomeWithACurrentCallRestoresTheScreenPop() {
        ServerMessage.ScreenPop p = Samples.pop("call-9", T0, "T-1");
        desk.push(new ServerMessage.Welcome(1, "op1", "Op", "operator", OperatorState.TALKING, null, T0, p, T0, "connected", null));
        assertThat(vm.callProperty().get()).isEqualTo(p);
        assertThat(vm.phaseProperty().get()).isEqualTo(CallPhase.TALKING);
    }

    @Test
    void aWithdrawnOfferClearsTheScreenPop() {
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        desk.push(new ServerMessage.CallOfferWithdrawn("call-1", ServerMessage.CallOfferWithdrawn.CALLER_HUNG_UP, T0.plusSeconds(3)));
        assertThat(vm.callProperty().get()).isNull();
        assertThat(vm.phaseProperty().get()).isEqualTo(CallPhase.NONE);
        assertThat(vm.messageProperty().get()).isEqualTo("pop.withdrawn");
    }

    @Test
    void anOfferNotAnsweredInTimeSaysSoInsteadOfBlamingTheCaller() {
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        desk.push(new ServerMessage.CallOfferWithdrawn("call-1", ServerMessage.CallOfferWithdrawn.NOT_ANSWERED, T0.plusSeconds(15)));
        assertThat(vm.callProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("pop.missed");
    }

    /** Seen on the desk: after a callback rang out the operator was "Missed" under a banner still offering it. */
    @Test
    void aCallbackOfferThatRangOutGoesAwayAndSaysSo() {
        desk.push(new ServerMessage.CallbackOffer(2, "cb-2-1", "+37063868458", null, 18, 1, "virtual hold"));
        desk.push(new ServerMessage.StateChanged("op1", OperatorState.RINGING, null, T0.plusSeconds(1)));
        assertThat(vm.callbackOfferProperty().get()).isNotNull();

        desk.push(new ServerMessage.StateChanged("op1", OperatorState.MISSED, null, T0.plusSeconds(21)));

        assertThat(vm.callbackOfferProperty().get()).isNull();
        assertThat(vm.messageProperty().get()).isEqualTo("cb.missed");
    }

    @Test
    void screenPopShowsTheCallRingingAndCountsTheWait() {
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        clock.advance(Duration.ofSeconds(5));
        vm.tick();
        assertThat(vm.phaseProperty().get()).isEqualTo(CallPhase.RINGING);
        assertThat(vm.callProperty().get().customer().name()).isEqualTo("Jonas Petraitis");
        assertThat(vm.ticketIdProperty().get()).isEqualTo("T-0100");
        assertThat(vm.waitSoFarProperty().get()).isEqualTo(Duration.ofSeconds(42 + 5));
    }

    @Test
    void theWaitStopsWhenTheCallIsAnsweredInsteadOfDroppingTheRingingTime() {
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        clock.advance(Duration.ofSeconds(5));
        vm.tick();
        assertThat(vm.waitSoFarProperty().get()).isEqualTo(Duration.ofSeconds(42 + 5));

        desk.push(new ServerMessage.CallConnected("call-1", T0.plusSeconds(5)));
        clock.advance(Duration.ofSeconds(60));
        vm.tick();

        assertThat(vm.phaseProperty().get()).isEqualTo(CallPhase.TALKING);
        assertThat(vm.waitSoFarProperty().get()).isEqualTo(Duration.ofSeconds(42 + 5));
    }

    @Test
    void acceptAnswersTheRingingCall() {
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        vm.accept();
        assertThat(desk.last(ClientMessage.AcceptCall.class).callId()).isEqualTo("call-1");
    }

    @Test
    void callFinishedStartsTheWrapUpCountdownAndDoneEndsIt() {
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        desk.push(new ServerMessage.CallConnected("call-1", T0));
        desk.push(new ServerMessage.CallFinished("call-1", T0.plusSeconds(60), T0.plusSeconds(90)));
        clock.advance(Duration.ofSeconds(70));
        vm.tick();
        assertThat(vm.phaseProperty().get()).isEqualTo(CallPhase.WRAP_UP);
        assertThat(vm.wrapUpLeftProperty().get()).isEqualTo(Duration.ofSeconds(20));

        vm.endWrapUp();
        assertThat(desk.sent).last().isInstanceOf(ClientMessage.EndWrapUp.class);
        desk.push(new ServerMessage.StateChanged("op1", OperatorState.READY, null, T0.plusSeconds(71)));
        assertThat(vm.phaseProperty().get()).isEqualTo(CallPhase.NONE);
    }

    @Test
    void savingANoteSendsItOnTheCallsTicketAndClearsTheEditor() {
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        vm.noteProperty().set("Router rebooted, still no sync");
        vm.saveNote();
        ClientMessage.AddNote n = desk.last(ClientMessage.AddNote.class);
        assertThat(n.ticketId()).isEqualTo("T-0100");
        assertThat(n.text()).isEqualTo("Router rebooted, still no sync");
        assertThat(vm.noteProperty().get()).isEmpty();
        assertThat(vm.savedNotes()).containsExactly("Router rebooted, still no sync");
    }

    @Test
    void noteOnACallWithoutTicketCreatesTheTicketFirst() {
        desk.answer = m -> new ServerMessage.Ack(m.id(), m instanceof ClientMessage.CreateTicket ? "T-0777" : null);
        desk.push(Samples.pop("call-1", T0, null));
        vm.noteProperty().set("needs a technician");
        vm.saveNote();
        assertThat(desk.last(ClientMessage.CreateTicket.class).customerId()).isEqualTo(7L);
        assertThat(desk.last(ClientMessage.AddNote.class).ticketId()).isEqualTo("T-0777");
        assertThat(vm.ticketIdProperty().get()).isEqualTo("T-0777");
    }

    @Test
    void escalateSendsTheTierAndTheNoteAsReason() {
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        vm.noteProperty().set("line sync lost, needs engineer");
        vm.escalate(Tier.LINE3);
        ClientMessage.EscalateTicket e = desk.last(ClientMessage.EscalateTicket.class);
        assertThat(e.toTier()).isEqualTo(Tier.LINE3);
        assertThat(e.ticketId()).isEqualTo("T-0100");
        assertThat(e.note()).isEqualTo("line sync lost, needs engineer");
    }

    @Test
    void textTypedWhileANoteOrEscalationIsOnItsWayStaysInTheEditor() {
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        for (Runnable send : new Runnable[] {vm::saveNote, () -> vm.escalate(Tier.LINE2)}) {
            desk.holdReplies = true;
            vm.noteProperty().set("No sync on the router");
            send.run();
            vm.noteProperty().set("No sync on the router. Customer adds: since the storm"); // typed on meanwhile
            desk.releaseReplies();
            assertThat(vm.noteProperty().get()).isEqualTo("No sync on the router. Customer adds: since the storm");
            assertThat(vm.savedNotes()).last().isEqualTo("No sync on the router");
        }
    }

    @Test
    void aTicketCreatedDuringTheCallIsListedInThePopsOpenTickets() {
        desk.answer = m -> new ServerMessage.Ack(m.id(), m instanceof ClientMessage.CreateTicket ? "T-0777" : null);
        desk.customerDetail = id -> detail(
                new Views.TicketSummary("T-0777", "technical", "LINE1", "open", T0, T0.plusSeconds(300)),
                new Views.TicketSummary("T-0042", "No internet since morning", "LINE1", "open", T0.minusSeconds(86400), T0));
        desk.push(Samples.pop("call-1", T0, null));
        vm.noteProperty().set("needs a technician");
        vm.saveNote();
        assertThat(desk.customersRead).containsExactly(7L);
        ServerMessage.ScreenPop p = vm.callProperty().get();
        assertThat(p.openTickets()).extracting(Views.TicketSummary::ticketId).containsExactly("T-0777", "T-0042");
        assertThat(p.callId()).isEqualTo("call-1");
        assertThat(p.trail().intent()).isEqualTo("TECHNICAL"); // the rest of the pop stays
        assertThat(vm.phaseProperty().get()).isEqualTo(CallPhase.RINGING);
    }

    @Test
    void anEscalationShowsTheNewTierInThePop() {
        desk.customerDetail = id -> detail(
                new Views.TicketSummary("T-0100", "technical", "LINE3", "escalated", T0, T0.plusSeconds(86400)));
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        vm.escalate(Tier.LINE3);
        assertThat(vm.callProperty().get().openTickets()).extracting(Views.TicketSummary::tier).containsExactly("LINE3");
    }

    @Test
    void resolvingClosesTheCallsTicketWithTheNoteAsResolutionAndItLeavesThePop() {
        desk.customerDetail = id -> detail(
                new Views.TicketSummary("T-0042", "No internet since morning", "LINE1", "open", T0.minusSeconds(86400), T0));
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        vm.noteProperty().set("router restarted, line back up");
        vm.resolveTicket();
        ClientMessage.CloseTicket c = desk.last(ClientMessage.CloseTicket.class);
        assertThat(c.ticketId()).isEqualTo("T-0100");
        assertThat(c.resolution()).isEqualTo("router restarted, line back up");
        assertThat(vm.ticketIdProperty().get()).isEmpty();
        assertThat(vm.noteProperty().get()).isEmpty();
        assertThat(vm.savedNotes()).containsExactly("router restarted, line back up");
        assertThat(vm.callProperty().get().openTickets()).extracting(Views.TicketSummary::ticketId).containsExactly("T-0042");

        desk.push(Samples.pop("call-2", T0, "T-0200")); // nothing typed: a plain resolution
        vm.resolveTicket();
        assertThat(desk.last(ClientMessage.CloseTicket.class).resolution()).isEqualTo(OperatorViewModel.RESOLVED_ON_THE_CALL);
    }

    @Test
    void aRefusedResolutionKeepsTheTicketAndTheNote() {
        desk.answer = m -> new ServerMessage.ErrorReply(m.id(), "invalid", "ticket T-0100 is closed already");
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        vm.noteProperty().set("done");
        vm.resolveTicket();
        assertThat(vm.ticketIdProperty().get()).isEqualTo("T-0100");
        assertThat(vm.noteProperty().get()).isEqualTo("done");
        assertThat(vm.messageProperty().get()).isEqualTo("ticket T-0100 is closed already");
    }

    @Test
    void thePopIsKeptWhenReadingTheTicketsFailsOrAnotherCallCameMeanwhile() {
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        vm.escalate(Tier.LINE2); // customerDetail answers null: the read fails
        assertThat(vm.callProperty().get()).isEqualTo(Samples.pop("call-1", T0, "T-0100"));

        desk.customerDetail = id -> {
            desk.push(Samples.pop("call-2", T0, null)); // the next call pops before the answer arrives
            return detail(new Views.TicketSummary("T-0100", "technical", "LINE2", "escalated", T0, T0));
        };
        vm.escalate(Tier.LINE2);
        assertThat(vm.callProperty().get()).isEqualTo(Samples.pop("call-2", T0, null));
    }

    private static Views.CustomerDetail detail(Views.TicketSummary... open) {
        return new Views.CustomerDetail(Samples.customer(), List.of(open), List.of(), null);
    }

    @Test
    void aRefusedCommandShowsTheServersReason() {
        desk.answer = m -> new ServerMessage.ErrorReply(m.id(), "not-yours", "ticket T-9 is not on your call");
        desk.push(Samples.pop("call-1", T0, "T-9"));
        vm.escalate(Tier.LINE2);
        assertThat(vm.messageIsErrorProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).isEqualTo("ticket T-9 is not on your call");
    }

    @Test
    void knowledgeBaseIsAskedOnlyAfterAFewWords() {
        desk.answer = m -> m instanceof ClientMessage.SuggestKb
                ? new ServerMessage.KbSuggestions(m.id(), List.of(new Views.KbArticle(1, "Router has no sync", "Check the DSL LED")))
                : new ServerMessage.Ack(m.id(), null);
        vm.noteProperty().set("router");
        vm.noteProperty().set("router no");
        assertThat(desk.sent).noneMatch(m -> m instanceof ClientMessage.SuggestKb);
        vm.noteProperty().set("router no sync");
        assertThat(desk.last(ClientMessage.SuggestKb.class).text()).isEqualTo("router no sync");
        assertThat(vm.kbSuggestions()).extracting(Views.KbArticle::title).containsExactly("Router has no sync");
    }

    @Test
    void breakCarriesItsReason() {
        vm.takeBreak("lunch");
        ClientMessage.SetState s = desk.last(ClientMessage.SetState.class);
        assertThat(s.state()).isEqualTo(OperatorState.BREAK);
        assertThat(s.reason()).isEqualTo("lunch");
    }

    @Test
    void unknownCallerCanBeFoundBySearchAndTicketGoesToTheChosenCustomer() {
        desk.customers = List.of(Samples.customer());
        desk.answer = m -> new ServerMessage.Ack(m.id(), "T-5");
        desk.push(new ServerMessage.ScreenPop("call-2", T0, "+37069999999", null,
                new Views.MenuTrail("en", List.of(), false, false, "GENERAL", 3, "LINE1", 10), List.of(), List.of(), null, null));
        vm.searchProperty().set("Petraitis");
        vm.searchCustomers();
        assertThat(desk.searches).containsExactly("Petraitis");
        vm.chosenCustomerProperty().set(vm.searchResults().get(0));
        vm.createTicket("billing question", Tier.LINE1);
        assertThat(desk.last(ClientMessage.CreateTicket.class).customerId()).isEqualTo(7L);
    }

    /** Issue 22 item 6: picking the caller from the search made no visible change; now it identifies the call. */
    @Test
    void choosingTheUnknownCallerFromTheSearchIdentifiesTheCallAndLoadsTheRecord() {
        Views.CustomerCard found = Samples.customer();
        Views.TicketSummary open = new Views.TicketSummary("T-0042", "No internet", "line1", "open", T0, T0);
        desk.customers = List.of(found);
        desk.customerDetail = id -> id == found.id() ? new Views.CustomerDetail(found, List.of(open), List.of(), null) : null;
        desk.push(new ServerMessage.ScreenPop("call-2", T0, "+37069999999", null,
                new Views.MenuTrail("en", List.of(), false, false, "GENERAL", 3, "LINE1", 10), List.of(), List.of(), null, null));
        vm.searchProperty().set("Petraitis");
        vm.searchCustomers();

        vm.chosenCustomerProperty().set(vm.searchResults().get(0));

        ClientMessage.IdentifyCaller sent = desk.last(ClientMessage.IdentifyCaller.class);
        assertThat(sent.callId()).isEqualTo("call-2");
        assertThat(sent.customerId()).isEqualTo(found.id());
        assertThat(vm.callProperty().get().customer()).isEqualTo(found);
        assertThat(vm.callProperty().get().openTickets()).containsExactly(open);
        assertThat(vm.callProperty().get().callId()).isEqualTo("call-2");
    }

    @Test
    void scheduledCallbackGoesToTheCallingNumber() {
        desk.push(Samples.pop("call-1", T0, "T-0100"));
        vm.scheduleCallback(T0.plusSeconds(3600), Duration.ofHours(1));
        ClientMessage.ScheduleCallback c = desk.last(ClientMessage.ScheduleCallback.class);
        assertThat(c.number()).isEqualTo("+37061234567");
        assertThat(c.windowEnd()).isEqualTo(T0.plusSeconds(7200));
    }

    @Test
    void theOperatorsOwnRatingTodayIsReadAndKeptWhenAReadFails() {
        assertThat(vm.myRatingProperty().get()).as("read at start; the fake desk failed it").isNull();
        desk.myRating = new Views.OperatorRating("op1", 4.5, 6);
        vm.refreshRating();
        assertThat(vm.myRatingProperty().get()).isEqualTo(new Views.OperatorRating("op1", 4.5, 6));
        desk.myRating = null;
        vm.refreshRating();
        assertThat(vm.myRatingProperty().get().count()).isEqualTo(6);
    }

    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
