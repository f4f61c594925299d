package dev.frontline.core.acd;

import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.frontline.core.acd.AcdFixtures.T0;
import static dev.frontline.core.acd.AcdFixtures.call;
import static dev.frontline.core.acd.AcdFixtures.op;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hold, cold transfer and consultation of a callback conversation (issue 21, ADR 0147): once the customer answers,
 * the callback is a live call in the ACD (its call id the attempt id) with the request's priority and original time.
 * Each of these was refused before ("the call is not offered to or connected with an operator").
 */
class CallbackCallControlTest {
    static final CallId CB = new CallId("cb-1-1");
    static final Instant REQUESTED = T0.minus(Duration.ofMinutes(10));
    final ManualClock clock = new ManualClock(T0);
    final AcdFixtures.Directory dir = new AcdFixtures.Directory()
            .add("anna").add("boris")
            .add("dora", Set.of(Intent.values()), Set.of(Tier.LINE2), Set.of(Language.EN));
    final Router router = new Router(AcdConfig.defaults(), dir, BusinessHours.always());
    final List<AcdEvent> events = new ArrayList<>();

    List<AcdEvent> run(AcdCommand c) {
        List<AcdEvent> out = router.handle(c, clock.instant());
        events.addAll(out);
        return out;
    }

    void ready(String login) {
        run(new AcdCommand.SetOperatorState(op(login), OperatorState.READY, ""));
    }

    <T> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<String> rejections() {
        return all(AcdEvent.CommandRejected.class).stream().map(r -> r.command() + ": " + r.reason()).toList();
    }

    OperatorState stateOf(String login) {
        return router.snapshot(clock.instant()).operators().stream().filter(v -> v.id().equals(op(login)))
                .findFirst().orElseThrow().state();
    }

    /** anna took the callback of customer 5 (technical, priority 1, asked for 10 minutes ago) and the customer answered. */
    void annaTalksToTheCallbackCustomer() {
        ready("anna");
        run(new AcdCommand.RequestCallback(new CallbackRequest(Optional.empty(), Optional.of(new CustomerId(5)),
                "+37061234567", Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, REQUESTED, Optional.empty(),
                Optional.empty(), "web form")));
        assertThat(all(AcdEvent.CallbackOffered.class)).singleElement()
                .satisfies(o -> assertThat(o.attemptId()).isEqualTo(CB.value()));
        run(new AcdCommand.CallbackAnswered(CB.value()));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.TALKING);
        clock.advance(Duration.ofSeconds(30));
    }

    /** The callback was done once and never again: no retry, no new request, nothing pending. */
    void theCallbackIsDoneOnce() {
        assertThat(all(AcdEvent.CallbackAnswered.class)).hasSize(1);
        assertThat(all(AcdEvent.CallbackAttemptFailed.class)).isEmpty();
        assertThat(all(AcdEvent.CallbackFailed.class)).isEmpty();
        assertThat(all(AcdEvent.CallbackQueued.class)).hasSize(1);
        assertThat(router.image(0, clock.instant()).callbacks()).isEmpty();
    }

    @Test
    void aCallbackCustomerIsHeldAndTakenBackWithTheHeldTimeRecorded() {
        annaTalksToTheCallbackCustomer();

        run(new AcdCommand.Hold(CB, op("anna"), true));
        clock.advance(Duration.ofSeconds(15));
        run(new AcdCommand.Hold(CB, op("anna"), false));
        run(new AcdCommand.CallEnded(CB));

        assertThat(rejections()).isEmpty();
        assertThat(all(AcdEvent.CallHeld.class)).singleElement()
                .satisfies(h -> assertThat(h.operator()).isEqualTo(op("anna")));
        assertThat(all(AcdEvent.CallResumed.class)).singleElement().satisfies(r -> {
            assertThat(r.heldFor()).isEqualTo(Duration.ofSeconds(15));
            assertThat(r.taken()).isTrue();
        });
        assertThat(all(AcdEvent.CallEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.operator()).isEqualTo(op("anna")));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.WRAP_UP);
        theCallbackIsDoneOnce();
    }

    @Test
    void aCallbackCustomerTransferredToLineTwoKeepsPriorityAndRequestTimeAndIsServedBeforeLaterCallers() {
        annaTalksToTheCallbackCustomer();
        run(new AcdCommand.Enqueue(call("later", Intent.TECHNICAL, 1, Tier.LINE2, Language.EN,
                clock.instant().minusSeconds(20))));
        run(new AcdCommand.Hold(CB, op("anna"), true));
        clock.advance(Duration.ofSeconds(5));

        run(new AcdCommand.Transfer(CB, null, Tier.LINE2, null, "router replaced"));
        assertThat(rejections()).isEmpty();
        assertThat(all(AcdEvent.CallTransferred.class)).singleElement().satisfies(t -> {
            assertThat(t.tier()).isEqualTo(Tier.LINE2);
            assertThat(t.intent()).isEqualTo(Intent.TECHNICAL);
            assertThat(t.from()).isEqualTo(op("anna"));
        });
        assertThat(all(AcdEvent.CallResumed.class)).singleElement() // the hold ends with the transfer
                .satisfies(r -> assertThat(r.heldFor()).isEqualTo(Duration.ofSeconds(5)));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.WRAP_UP);

        ready("dora");
        assertThat(all(AcdEvent.CallOffered.class)).singleElement().satisfies(o -> {
            assertThat(o.callId()).isEqualTo(CB); // ahead of "later", who called after the request
            assertThat(o.operator()).isEqualTo(op("dora"));
        });
        assertThat(router.image(0, clock.instant()).calls()).filteredOn(c -> c.call().callId().equals(CB))
                .singleElement().satisfies(c -> {
                    assertThat(c.priority()).isEqualTo(1);
                    assertThat(c.rankFrom()).isEqualTo(REQUESTED);
                });
        run(new AcdCommand.OperatorAnswered(CB, op("dora")));
        run(new AcdCommand.CallEnded(CB));
        assertThat(all(AcdEvent.CallEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.operator()).isEqualTo(op("dora")));
        assertThat(rejections()).isEmpty();
        theCallbackIsDoneOnce();
    }

    @Test
    void aCallbackCustomerTransferredToANamedColleagueIsOfferedToThemWithTheNote() {
        annaTalksToTheCallbackCustomer();
        ready("boris");

        run(new AcdCommand.Transfer(CB, null, null, op("boris"), "wants the tariff"));

        assertThat(rejections()).isEmpty();
        assertThat(all(AcdEvent.CallTransferred.class)).singleElement().satisfies(t -> {
            assertThat(t.to()).isEqualTo(op("boris"));
            assertThat(t.note()).isEqualTo("wants the tariff");
        });
        assertThat(all(AcdEvent.CallOffered.class)).singleElement()
                .satisfies(o -> assertThat(o.operator()).isEqualTo(op("boris")));
    }

    @Test
    void aConsultationAboutACallbackCustomerCompletesToTheColleague() {
        annaTalksToTheCallbackCustomer();
        ready("boris");

        run(new AcdCommand.Consult(CB, op("anna"), op("boris"), null, "billing question"));
        run(new AcdCommand.ConsultAnswered(CB, op("boris")));
        run(new AcdCommand.CompleteTransfer(CB, op("anna")));
        run(new AcdCommand.CallEnded(CB));

        assertThat(rejections()).isEmpty();
        assertThat(all(AcdEvent.CallHeld.class)).hasSize(1);
        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(ConsultOutcome.COMPLETED));
        assertThat(all(AcdEvent.CallEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.operator()).isEqualTo(op("boris")));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.WRAP_UP);
        theCallbackIsDoneOnce();
    }

    @Test
    void aColleagueWhoDoesNotAnswerGivesTheCallbackCustomerBackToTheFirstOperator() {
        annaTalksToTheCallbackCustomer();
        ready("boris");

        run(new AcdCommand.Consult(CB, op("anna"), op("boris"), null, null));
        run(new AcdCommand.ConsultFailed(CB, op("boris"), "busy"));

        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(ConsultOutcome.NOT_ANSWERED));
        assertThat(all(AcdEvent.CallResumed.class)).singleElement().satisfies(r -> assertThat(r.taken()).isTrue());
        assertThat(stateOf("anna")).isEqualTo(OperatorState.TALKING);
        assertThat(stateOf("boris")).isEqualTo(OperatorState.MISSED);
        run(new AcdCommand.Hold(CB, op("anna"), true)); // and the call goes on as before
        assertThat(rejections()).isEmpty();
    }

    @Test
    void aColleagueWhoHangsUpGivesTheCallbackCustomerBack() {
        annaTalksToTheCallbackCustomer();
        ready("boris");
        run(new AcdCommand.Consult(CB, op("anna"), op("boris"), null, null));
        run(new AcdCommand.ConsultAnswered(CB, op("boris")));

        run(new AcdCommand.ConsultFailed(CB, op("boris"), "hung up"));

        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(ConsultOutcome.TARGET_LEFT));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.TALKING);
        assertThat(stateOf("boris")).isEqualTo(OperatorState.READY);
        assertThat(rejections()).isEmpty();
    }

    @Test
    void theFirstOperatorHangingUpBeforeTheAnswerPutsTheCallbackCustomerBackInLineAtTheFront() {
        annaTalksToTheCallbackCustomer();
        ready("boris");
        run(new AcdCommand.Consult(CB, op("anna"), op("boris"), null, null));

        run(new AcdCommand.ConsultantLeft(CB, op("anna")));

        assertThat(rejections()).isEmpty();
        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(ConsultOutcome.CONSULTANT_LEFT));
        assertThat(all(AcdEvent.CallTransferred.class)).singleElement()
                .satisfies(t -> assertThat(t.tier()).isEqualTo(Tier.LINE1));
        // boris is freed after the customer is back in line: it is offered to him
        assertThat(all(AcdEvent.CallOffered.class)).singleElement().satisfies(o -> {
            assertThat(o.callId()).isEqualTo(CB);
            assertThat(o.operator()).isEqualTo(op("boris"));
        });
        theCallbackIsDoneOnce();
    }

    @Test
    void theCallbackCustomerHangingUpMidConsultationEndsTheCallbackOnceAndFreesBoth() {
        annaTalksToTheCallbackCustomer();
        ready("boris");
        run(new AcdCommand.Consult(CB, op("anna"), op("boris"), null, null));
        run(new AcdCommand.ConsultAnswered(CB, op("boris")));

        run(new AcdCommand.CallEnded(CB)); // the backend: the customer's leg ended

        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(ConsultOutcome.CALLER_LEFT));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.WRAP_UP);
        assertThat(stateOf("boris")).isEqualTo(OperatorState.READY);
        assertThat(router.image(0, clock.instant()).calls()).isEmpty();
        theCallbackIsDoneOnce();
        assertThat(rejections()).isEmpty();
    }

    @Test
    void theCallbackCustomerHangingUpWhileWaitingAfterATransferEndsItWithoutARetry() {
        annaTalksToTheCallbackCustomer();
        run(new AcdCommand.Transfer(CB, null, Tier.LINE2, null, null));

        run(new AcdCommand.CallerHungUp(CB));
        run(new AcdCommand.Tick());

        assertThat(all(AcdEvent.CallAbandoned.class)).singleElement()
                .satisfies(a -> assertThat(a.callId()).isEqualTo(CB));
        assertThat(router.image(0, clock.instant()).calls()).isEmpty();
        assertThat(router.image(0, clock.instant()).waiting()).isEmpty();
        theCallbackIsDoneOnce();
    }

    @Test
    void replayingTheLogGivesTheSameStateMidTransferAndMidConsultation() throws Exception {
        annaTalksToTheCallbackCustomer();
        ready("boris");
        run(new AcdCommand.Hold(CB, op("anna"), true));
        run(new AcdCommand.Hold(CB, op("anna"), false));
        run(new AcdCommand.Consult(CB, op("anna"), op("boris"), null, "n"));
        run(new AcdCommand.ConsultAnswered(CB, op("boris")));
        assertReplayedAlike();
        run(new AcdCommand.CancelConsult(CB, op("anna")));
        run(new AcdCommand.Transfer(CB, null, Tier.LINE2, null, null));
        assertReplayedAlike();
        assertThat(rejections()).isEmpty();
    }

    private void assertReplayedAlike() throws Exception {
        Router replayed = new Router(AcdConfig.defaults(), dir, BusinessHours.always());
        events.forEach(replayed::replay);
        AcdSnapshotPropertyTest.assertSameState(router, replayed, clock.instant(), "replayed");
        Router restored = Router.restore(AcdConfig.defaults(), dir, BusinessHours.always(),
                router.image(0, clock.instant()));
        AcdSnapshotPropertyTest.assertSameState(router, restored, clock.instant(), "restored");
    }

    /**
     * Asterisk cannot keep a callback's customer when its operator's leg ends (ADR 0147; Twilio can since the operator
     * no longer ends {@code fl-<attemptId>}, unless the callback was placed before a restart): the transfer is
     * refused at once, as a line that cannot hold or consult, and nothing is logged; the operator keeps the customer.
     */
    @Test
    void aLineThatCannotKeepTheCallbackCustomerRefusesItsTransferBeforeAnythingIsLogged(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        RecordingConnector pbx = new RecordingConnector() {
            @Override
            public boolean canTransfer(CallId callId) {
                return !dev.frontline.core.call.CallConnector.isCallback(callId);
            }

            @Override
            public boolean canHold(CallId callId) {
                return true;
            }

            @Override
            public void hold(CallId callId, dev.frontline.core.common.OperatorId operator, boolean on) {
            }
        };
        try (dev.frontline.core.store.Database db = dev.frontline.core.store.Database.sqlite(tmp.resolve("acd.db"))) {
            dev.frontline.core.store.JdbcAcdEventLog log = new dev.frontline.core.store.JdbcAcdEventLog(db);
            try (AcdService acd = new AcdService(AcdConfig.defaults(), clock, log, dir, BusinessHours.always(), pbx,
                    new RecordingSms(), new dev.frontline.core.callback.CallbackNotices("+37052000000")).start(false)) {
                acd.setOperatorState(op("anna"), OperatorState.READY, "");
                acd.requestCallback(new CallbackRequest(Optional.empty(), Optional.empty(), "+37061234567",
                        Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, REQUESTED, Optional.empty(), Optional.empty(),
                        "web form"));
                acd.sync();
                assertThat(pbx.originates).singleElement().satisfies(o -> assertThat(o.attemptId()).isEqualTo(CB.value()));
                acd.callbackAnswered(CB.value());
                acd.sync();

                UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(
                        UnsupportedOperationException.class, () -> acd.transfer(CB, null, Tier.LINE2));
                assertThat(e.getMessage()).isEqualTo("transfer is not available on this call's line");
                acd.hold(CB, op("anna"), true); // what the line can do still works
                acd.sync();
                assertThat(acd.snapshot().operators()).filteredOn(o -> o.id().equals(op("anna")))
                        .singleElement().satisfies(o -> assertThat(o.state()).isEqualTo(OperatorState.TALKING));
            }
            List<AcdEvent> logged = new ArrayList<>();
            log.replayAfter(0, logged::add);
            assertThat(logged).noneMatch(x -> x instanceof AcdEvent.CallTransferred)
                    .anyMatch(x -> x instanceof AcdEvent.CallHeld h && h.callId().equals(CB));
        }
    }
}
