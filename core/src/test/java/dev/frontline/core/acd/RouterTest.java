package dev.frontline.core.acd;

import dev.frontline.core.acd.AcdEvent.CallOffered;
import dev.frontline.core.acd.AcdEvent.CallbackOffered;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
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

class RouterTest {
    final ManualClock clock = new ManualClock(T0);
    final AcdFixtures.Directory dir = new AcdFixtures.Directory();
    AcdConfig config = AcdConfig.defaults();
    BusinessHours hours = BusinessHours.always();
    Router router;
    final List<AcdEvent> events = new ArrayList<>();

    Router router() {
        if (router == null) {
            router = new Router(config, dir, hours);
        }
        return router;
    }

    List<AcdEvent> run(AcdCommand c) {
        List<AcdEvent> out = router().handle(c, clock.instant());
        events.addAll(out);
        return out;
    }

    void after(Duration d) {
        clock.advance(d);
    }

    void ready(String login) {
        run(new AcdCommand.SetOperatorState(op(login), OperatorState.READY, ""));
    }

    void enqueue(String id, Intent intent) {
        run(new AcdCommand.Enqueue(call(id, intent, clock.instant())));
    }

    void enqueue(String id, Intent intent, int priority, Tier tier, Language language) {
        run(new AcdCommand.Enqueue(call(id, intent, priority, tier, language, clock.instant())));
    }

    void tick() {
        run(new AcdCommand.Tick());
    }

    <T> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Who got offered {@code callId} last, or null. */
    OperatorId offeredTo(String callId) {
        OperatorId who = null;
        for (CallOffered o : all(CallOffered.class)) {
            if (o.callId().value().equals(callId)) {
                who = o.operator();
            }
        }
        return who;
    }

    List<String> offeredOrder() {
        List<String> out = new ArrayList<>();
        for (AcdEvent e : events) {
            if (e instanceof CallOffered o) {
                out.add(o.callId().value());
            } else if (e instanceof CallbackOffered o) {
                out.add("callback-" + o.callbackId().value());
            }
        }
        return out;
    }

    /** Answer, end and end wrap-up at once: the operator is ready for the next call. */
    void serve(String callId) {
        OperatorId who = offeredTo(callId);
        run(new AcdCommand.OperatorAnswered(new CallId(callId)));
        run(new AcdCommand.CallEnded(new CallId(callId)));
        run(new AcdCommand.EndWrapUp(who));
    }

    OperatorState stateOf(String login) {
        return router().snapshot(clock.instant()).operators().stream().filter(v -> v.id().equals(op(login)))
                .findFirst().orElseThrow().state();
    }

    // --- routing ---

    @Test
    void waitingCallGoesToTheLongestIdleOperatorWithTheSkill() {
        dir.add("sales-only", Set.of(Intent.SALES), Set.of(Tier.LINE1), Set.of(Language.EN));
        dir.add("anna").add("bob");
        ready("sales-only");
        ready("bob");
        after(Duration.ofSeconds(5));
        ready("anna");
        after(Duration.ofSeconds(5));

        enqueue("c1", Intent.TECHNICAL);

        assertThat(offeredTo("c1")).isEqualTo(op("bob"));
        assertThat(stateOf("bob")).isEqualTo(OperatorState.RINGING);
        assertThat(all(CallOffered.class).get(0).endpoint()).isEqualTo("PJSIP/bob");
    }

    @Test
    void aReadyOperatorGivenAQueueTakesItsWaitingCallerAtOnce() {
        dir.add("anna", Set.of(Intent.GENERAL), Set.of(Tier.LINE1), Set.of(Language.EN));
        ready("anna");
        enqueue("t1", Intent.TECHNICAL);
        assertThat(offeredTo("t1")).isNull();

        dir.add("anna"); // e.g. `frontline operators set-skills anna technical,sales,general,line1`
        run(new AcdCommand.ReloadProfile(op("anna")));

        assertThat(all(AcdEvent.OperatorProfileChanged.class)).extracting(AcdEvent.OperatorProfileChanged::operator)
                .containsExactly(op("anna"));
        assertThat(offeredTo("t1")).isEqualTo(op("anna"));
    }

    @Test
    void aQueueTakenAwayIsNoLongerOfferedAndALoggedOutOperatorIsReadAtLogin() {
        dir.add("anna");
        ready("anna");
        dir.add("anna", Set.of(Intent.SALES), Set.of(Tier.LINE1), Set.of(Language.EN));
        run(new AcdCommand.ReloadProfile(op("anna")));
        enqueue("t1", Intent.TECHNICAL);
        assertThat(offeredTo("t1")).isNull();
        enqueue("s1", Intent.SALES);
        assertThat(offeredTo("s1")).isEqualTo(op("anna"));

        dir.add("bob", Set.of(Intent.GENERAL), Set.of(Tier.LINE1), Set.of(Language.EN));
        run(new AcdCommand.ReloadProfile(op("bob"))); // never logged in: nothing to change
        assertThat(all(AcdEvent.OperatorProfileChanged.class)).hasSize(1);
        dir.add("bob");
        ready("bob");
        assertThat(offeredTo("t1")).isEqualTo(op("bob"));
    }

    @Test
    void readyOperatorTakesTechnicalFirstThenSalesThenGeneral() {
        dir.add("anna");
        enqueue("general", Intent.GENERAL);
        after(Duration.ofSeconds(1));
        enqueue("sales", Intent.SALES);
        after(Duration.ofSeconds(1));
        enqueue("technical", Intent.TECHNICAL);

        ready("anna");
        serve("technical");
        serve("sales");
        serve("general");

        assertThat(offeredOrder()).containsExactly("technical", "sales", "general");
    }

    @Test
    void ageingServesALongWaitingGeneralCallerBeforeANewTechnicalOne() {
        dir.add("anna");
        enqueue("general-old", Intent.GENERAL);
        after(Duration.ofMinutes(3));
        enqueue("technical-3min-later", Intent.TECHNICAL);
        after(Duration.ofMinutes(2));
        enqueue("technical-5min-later", Intent.TECHNICAL);

        ready("anna");
        serve(offeredOrder().get(0));
        serve(offeredOrder().get(1));

        // 2 levels x 2 min of ageing: general ranks as if it came 4 min later than it did
        assertThat(offeredOrder()).containsExactly("technical-3min-later", "general-old", "technical-5min-later");
    }

    @Test
    void equalPriorityIsServedByArrival() {
        dir.add("anna");
        enqueue("first", Intent.SALES);
        after(Duration.ofMillis(1));
        enqueue("second", Intent.SALES);
        ready("anna");
        serve("first");
        assertThat(offeredOrder()).containsExactly("first", "second");
    }

    @Test
    void priorityChangeAppliesToACallerAlreadyWaiting() {
        dir.add("anna");
        enqueue("a", Intent.GENERAL);
        after(Duration.ofSeconds(10));
        enqueue("b", Intent.GENERAL);
        run(new AcdCommand.ChangePriority(new CallId("b"), 1));

        ready("anna");

        assertThat(offeredOrder()).containsExactly("b");
        assertThat(all(AcdEvent.PriorityChanged.class)).hasSize(1);
    }

    @Test
    void languageFallsBackToAnyOperatorAfterTheConfiguredWait() {
        dir.add("english", Set.of(Intent.values()), Set.of(Tier.LINE1), Set.of(Language.EN));
        ready("english");
        enqueue("russian", Intent.TECHNICAL, 1, Tier.LINE1, Language.RU);
        assertThat(offeredTo("russian")).isNull();

        after(Duration.ofSeconds(19)); // the default fallback, 20 s, leaves the 30 s on-line target time to answer
        tick();
        assertThat(offeredTo("russian")).isNull();

        after(Duration.ofSeconds(1));
        tick();
        assertThat(offeredTo("russian")).isEqualTo(op("english"));
    }

    @Test
    void aCallerIsOfferedToAnOperatorSpeakingItsLanguageFirst() {
        dir.add("english", Set.of(Intent.values()), Set.of(Tier.LINE1), Set.of(Language.EN));
        dir.add("polish", Set.of(Intent.values()), Set.of(Tier.LINE1), Set.of(Language.PL, Language.EN));
        ready("english");
        after(Duration.ofSeconds(1));
        ready("polish");
        enqueue("pl", Intent.SALES, 2, Tier.LINE1, Language.PL);
        assertThat(offeredTo("pl")).isEqualTo(op("polish"));
    }

    @Test
    void ringNoAnswerMarksTheOperatorMissedAndTheCallKeepsItsPlace() {
        dir.add("anna").add("bob");
        ready("anna");
        enqueue("x", Intent.SALES);
        after(Duration.ofSeconds(5));
        enqueue("y", Intent.SALES);
        assertThat(offeredTo("x")).isEqualTo(op("anna"));

        after(Duration.ofSeconds(10));
        tick(); // 15 s since the offer

        assertThat(all(AcdEvent.CallRequeued.class)).singleElement()
                .satisfies(r -> assertThat(r.missedBy()).isEqualTo(op("anna")));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.MISSED);
        assertThat(router().status(new CallId("x"), clock.instant())).get()
                .satisfies(s -> assertThat(s.position()).isEqualTo(1));

        ready("bob");
        assertThat(offeredTo("x")).isEqualTo(op("bob"));
        assertThat(offeredTo("y")).isNull();
    }

    /**
     * Issue 19: the provider could not ring the phone (e.g. Twilio answered 500): the operator did nothing wrong and
     * stays available, the caller keeps its place; another ready operator gets the call first.
     */
    @Test
    void aConnectTheProviderCouldNotPlaceWithdrawsTheOfferWithoutMissingTheOperator() {
        dir.add("anna");
        dir.add("bob");
        ready("anna");
        enqueue("x", Intent.SALES);
        assertThat(offeredTo("x")).isEqualTo(op("anna"));
        ready("bob");

        run(new AcdCommand.ConnectFailed(new CallId("x"), "Twilio 500"));

        assertThat(all(AcdEvent.OperatorStateChanged.class)).noneMatch(e -> e.state() == OperatorState.MISSED);
        assertThat(offeredTo("x")).isEqualTo(op("bob"));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.READY);
        assertThat(all(AcdEvent.CallRequeued.class)).hasSize(1);
    }

    @Test
    void aMissedOperatorGetsNoCallsUntilReadyAgain() {
        dir.add("anna");
        ready("anna");
        enqueue("x", Intent.SALES);
        run(new AcdCommand.RingNoAnswer(new CallId("x")));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.MISSED);
        tick();
        assertThat(all(CallOffered.class)).hasSize(1);

        ready("anna");
        assertThat(all(CallOffered.class)).hasSize(2);
    }

    @Test
    void wrapUpLastsTheConfiguredTimeUnlessEndedEarly() {
        dir.add("anna").add("bob");
        ready("anna");
        ready("bob");
        enqueue("a", Intent.SALES);
        enqueue("b", Intent.SALES);
        run(new AcdCommand.OperatorAnswered(new CallId("a")));
        run(new AcdCommand.OperatorAnswered(new CallId("b")));
        enqueue("waiting", Intent.SALES);

        run(new AcdCommand.CallEnded(new CallId("a")));
        run(new AcdCommand.CallEnded(new CallId("b")));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.WRAP_UP);

        after(Duration.ofSeconds(29));
        tick();
        assertThat(offeredTo("waiting")).isNull();

        run(new AcdCommand.EndWrapUp(offeredTo("b")));
        assertThat(offeredTo("waiting")).isEqualTo(offeredTo("b"));

        after(Duration.ofSeconds(1));
        tick();
        assertThat(stateOf(offeredTo("a").value())).isEqualTo(OperatorState.READY);
    }

    @Test
    void aLineOneCallWaitingPastTheTargetOverflowsToLineTwo() {
        dir.add("second-line", Set.of(Intent.values()), Set.of(Tier.LINE2), Set.of(Language.EN));
        ready("second-line");
        enqueue("c", Intent.TECHNICAL);
        assertThat(offeredTo("c")).isNull();

        after(Duration.ofSeconds(29));
        tick();
        assertThat(offeredTo("c")).isNull();
        after(Duration.ofSeconds(1));
        tick();
        assertThat(offeredTo("c")).isEqualTo(op("second-line"));
    }

    @Test
    void aLineTwoOperatorBecomingReadyTakesAnOverflowedLineOneCall() {
        dir.add("second-line", Set.of(Intent.values()), Set.of(Tier.LINE2), Set.of(Language.EN));
        enqueue("c", Intent.TECHNICAL);
        after(Duration.ofSeconds(31));
        ready("second-line");
        assertThat(offeredTo("c")).isEqualTo(op("second-line"));
    }

    @Test
    void overflowCanBeTurnedOff() {
        config = AcdConfig.from(new dev.frontline.core.config.ConfigNode("acd",
                java.util.Map.of("overflow", java.util.Map.of("enabled", false))));
        dir.add("second-line", Set.of(Intent.values()), Set.of(Tier.LINE2), Set.of(Language.EN));
        ready("second-line");
        enqueue("c", Intent.TECHNICAL);
        after(Duration.ofMinutes(5));
        tick();
        assertThat(offeredTo("c")).isNull();
    }

    @Test
    void anOperatorWhosePhoneIsNotRegisteredIsNotOfferedCalls() {
        dir.add("anna");
        ready("anna");
        run(new AcdCommand.SetPhoneRegistered(op("anna"), false));
        enqueue("c", Intent.SALES);
        tick();
        assertThat(offeredTo("c")).isNull();

        run(new AcdCommand.SetPhoneRegistered(op("anna"), true));
        assertThat(offeredTo("c")).isEqualTo(op("anna"));
    }

    @Test
    void aCallerHangingUpWhileWaitingIsAbandonedAndCounted() {
        dir.add("anna");
        enqueue("c", Intent.SALES);
        after(Duration.ofSeconds(20));
        run(new AcdCommand.CallerHungUp(new CallId("c")));
        ready("anna");

        assertThat(all(AcdEvent.CallAbandoned.class)).hasSize(1);
        assertThat(offeredTo("c")).isNull();
        QueueMetrics sales = metrics(Intent.SALES, Tier.LINE1);
        assertThat(sales.abandonRatePercent()).isEqualTo(100.0);
        assertThat(sales.waiting()).isZero();
    }

    @Test
    void aCallerHangingUpWhileRingingFreesTheOperator() {
        dir.add("anna");
        ready("anna");
        enqueue("c", Intent.SALES);
        run(new AcdCommand.CallerHungUp(new CallId("c")));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.READY);
    }

    @Test
    void commandsInTheWrongStateAreRejectedAndChangeNothing() {
        dir.add("anna");
        assertThat(run(new AcdCommand.SetOperatorState(op("ghost"), OperatorState.READY, "")))
                .singleElement().isInstanceOf(AcdEvent.CommandRejected.class);
        assertThat(run(new AcdCommand.OperatorAnswered(new CallId("nobody"))))
                .singleElement().isInstanceOf(AcdEvent.CommandRejected.class);
        ready("anna");
        enqueue("c", Intent.SALES);
        run(new AcdCommand.OperatorAnswered(new CallId("c")));
        assertThat(run(new AcdCommand.SetOperatorState(op("anna"), OperatorState.BREAK, "lunch")))
                .singleElement().isInstanceOf(AcdEvent.CommandRejected.class);
        assertThat(run(new AcdCommand.Enqueue(call("c", Intent.SALES, clock.instant()))))
                .singleElement().isInstanceOf(AcdEvent.CommandRejected.class);
        assertThat(stateOf("anna")).isEqualTo(OperatorState.TALKING);
    }

    @Test
    void goingOnBreakWhileRingingGivesTheCallToSomeoneElse() {
        dir.add("anna").add("bob");
        ready("anna");
        after(Duration.ofSeconds(1));
        ready("bob");
        enqueue("c", Intent.SALES);
        assertThat(offeredTo("c")).isEqualTo(op("anna"));

        run(new AcdCommand.SetOperatorState(op("anna"), OperatorState.BREAK, "coffee"));

        assertThat(offeredTo("c")).isEqualTo(op("bob"));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.BREAK);
    }

    @Test
    void transferPutsTheCallerInTheNewQueueAndTheOperatorInWrapUp() {
        dir.add("first");
        dir.add("second", Set.of(Intent.TECHNICAL), Set.of(Tier.LINE2), Set.of(Language.EN));
        ready("first");
        enqueue("c", Intent.TECHNICAL);
        run(new AcdCommand.OperatorAnswered(new CallId("c")));
        ready("second");
        assertThat(offeredTo("c")).isEqualTo(op("first"));

        run(new AcdCommand.Transfer(new CallId("c"), Intent.TECHNICAL, Tier.LINE2));

        assertThat(offeredTo("c")).isEqualTo(op("second"));
        assertThat(stateOf("first")).isEqualTo(OperatorState.WRAP_UP);
    }

    @Test
    void aTransferredCallerKeepsItsOriginalArrivalInTheNewQueue() {
        dir.add("first");
        dir.add("second", Set.of(Intent.TECHNICAL), Set.of(Tier.LINE2), Set.of(Language.EN));
        enqueue("escalated", Intent.TECHNICAL);
        ready("first");
        run(new AcdCommand.OperatorAnswered(new CallId("escalated")));
        after(Duration.ofMinutes(1));
        enqueue("direct-line2", Intent.TECHNICAL, 1, Tier.LINE2, Language.EN);

        run(new AcdCommand.Transfer(new CallId("escalated"), null, Tier.LINE2));
        ready("second");

        assertThat(offeredTo("escalated")).isEqualTo(op("second"));
        assertThat(offeredTo("direct-line2")).isNull();
        assertThat(all(AcdEvent.CallTransferred.class)).singleElement()
                .satisfies(t -> assertThat(t.intent()).isEqualTo(Intent.TECHNICAL));
    }

    @Test
    void aCallTransferredToANamedOperatorIsOfferedToThemAheadOfTheLongestIdle() {
        dir.add("anna").add("bob").add("carl");
        ready("anna");
        enqueue("c", Intent.TECHNICAL);
        run(new AcdCommand.OperatorAnswered(new CallId("c")));
        ready("carl"); // idle longest: the line's usual choice
        after(Duration.ofSeconds(5));
        ready("bob");

        run(new AcdCommand.Transfer(new CallId("c"), null, null, op("bob"), "  router reset twice, still no sync "));

        assertThat(offeredTo("c")).isEqualTo(op("bob"));
        assertThat(all(AcdEvent.CallTransferred.class)).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(op("anna"));
            assertThat(t.to()).isEqualTo(op("bob"));
            assertThat(t.note()).isEqualTo("router reset twice, still no sync");
        });
    }

    @Test
    void aCallForABusyNamedOperatorWaitsForThemThenGoesToTheLine() {
        dir.add("anna").add("bob").add("carl");
        ready("anna");
        ready("bob");
        enqueue("c", Intent.TECHNICAL);
        enqueue("other", Intent.TECHNICAL);
        run(new AcdCommand.OperatorAnswered(new CallId("c")));
        run(new AcdCommand.OperatorAnswered(new CallId("other")));
        String bobsCall = op("bob").equals(offeredTo("c")) ? "c" : "other";
        String annasCall = bobsCall.equals("c") ? "other" : "c";
        ready("carl");

        run(new AcdCommand.Transfer(new CallId(annasCall), null, null, op("bob"), null));
        assertThat(offeredTo(annasCall)).as("kept for bob while he talks (last offered to anna)").isEqualTo(op("anna"));
        run(new AcdCommand.SetOperatorState(op("anna"), OperatorState.BREAK, "lunch"));
        after(AcdState.NAMED_TRANSFER_HOLD);
        tick();
        assertThat(offeredTo(annasCall)).as("bob did not get free: the line takes it").isEqualTo(op("carl"));
    }

    @Test
    void aTransferToAnOperatorWhoIsNotSignedInIsRefusedAndTheCallStays() {
        dir.add("anna").add("bob");
        ready("anna");
        enqueue("c", Intent.TECHNICAL);
        run(new AcdCommand.OperatorAnswered(new CallId("c")));

        run(new AcdCommand.Transfer(new CallId("c"), null, null, op("bob"), null));
        run(new AcdCommand.Transfer(new CallId("c"), null, null, op("anna"), null));

        assertThat(all(AcdEvent.CallTransferred.class)).isEmpty();
        assertThat(offeredTo("c")).isEqualTo(op("anna"));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.TALKING);
    }

    // --- hold ---

    @Test
    void theTalkingOperatorHoldsAndTakesBackTheCallerAndTheHeldTimeIsLogged() {
        dir.add("anna");
        ready("anna");
        enqueue("c", Intent.TECHNICAL);
        run(new AcdCommand.OperatorAnswered(new CallId("c")));

        run(new AcdCommand.Hold(new CallId("c"), op("anna"), true));
        after(Duration.ofSeconds(42));
        run(new AcdCommand.Hold(new CallId("c"), op("anna"), false));

        assertThat(all(AcdEvent.CallHeld.class)).singleElement().satisfies(h -> assertThat(h.operator()).isEqualTo(op("anna")));
        assertThat(all(AcdEvent.CallResumed.class)).singleElement().satisfies(r -> {
            assertThat(r.heldFor()).isEqualTo(Duration.ofSeconds(42));
            assertThat(r.taken()).isTrue();
        });
        assertThat(stateOf("anna")).isEqualTo(OperatorState.TALKING);
    }

    @Test
    void onlyTheTalkingOperatorHoldsAndOnlyOnceAndAHeldCallThatEndsClosesItsHold() {
        dir.add("anna");
        dir.add("boris");
        ready("anna");
        enqueue("c", Intent.TECHNICAL);
        run(new AcdCommand.OperatorAnswered(new CallId("c")));

        run(new AcdCommand.Hold(new CallId("c"), op("boris"), true));
        run(new AcdCommand.Hold(new CallId("c"), op("anna"), false));
        run(new AcdCommand.Hold(new CallId("c"), op("anna"), true));
        run(new AcdCommand.Hold(new CallId("c"), op("anna"), true));
        after(Duration.ofSeconds(5));
        run(new AcdCommand.CallEnded(new CallId("c")));

        assertThat(all(AcdEvent.CommandRejected.class)).extracting(AcdEvent.CommandRejected::reason)
                .containsExactly("boris is not talking on this call", "the caller is not on hold",
                        "the caller is already on hold");
        assertThat(all(AcdEvent.CallHeld.class)).hasSize(1);
        assertThat(all(AcdEvent.CallResumed.class)).singleElement().satisfies(r -> {
            assertThat(r.heldFor()).isEqualTo(Duration.ofSeconds(5));
            assertThat(r.taken()).isFalse(); // nothing to take back on the line: the call ended
        });
        assertThat(all(AcdEvent.CallEnded.class)).hasSize(1);
    }

    @Test
    void aHeldCallerCanBeTransferredAndTheHoldEndsWithIt() {
        dir.add("first");
        dir.add("second", Set.of(Intent.TECHNICAL), Set.of(Tier.LINE2), Set.of(Language.EN));
        ready("first");
        enqueue("c", Intent.TECHNICAL);
        run(new AcdCommand.OperatorAnswered(new CallId("c")));
        run(new AcdCommand.Hold(new CallId("c"), op("first"), true));

        run(new AcdCommand.Transfer(new CallId("c"), null, Tier.LINE2));
        ready("second");

        assertThat(all(AcdEvent.CallResumed.class)).singleElement().satisfies(r -> assertThat(r.taken()).isFalse());
        assertThat(offeredTo("c")).isEqualTo(op("second"));
    }

    // --- callbacks ---

    @Test
    void callBackNowOffersAPendingCallbackToThatOperatorAheadOfItsTurn() {
        dir.add("anna");
        run(new AcdCommand.SetOperatorState(op("anna"), OperatorState.BREAK, "paperwork"));
        run(new AcdCommand.RequestCallback(callback("+37060001111", Intent.GENERAL, clock.instant(),
                Optional.of(T0.plus(Duration.ofHours(3))), Optional.empty())));
        CallbackId id = all(AcdEvent.CallbackQueued.class).get(0).callbackId();

        run(new AcdCommand.CallBackNow(id, op("anna")));

        assertThat(all(CallbackOffered.class)).singleElement().satisfies(o -> {
            assertThat(o.operator()).isEqualTo(op("anna"));
            assertThat(o.attempt()).isEqualTo(1);
        });
        assertThat(stateOf("anna")).isEqualTo(OperatorState.RINGING);
        assertThat(run(new AcdCommand.CallBackNow(id, op("anna")))).singleElement()
                .isInstanceOf(AcdEvent.CommandRejected.class);
    }

    CallbackRequest callback(String number, Intent intent, Instant arrived, Optional<Instant> from, Optional<Instant> to) {
        return new CallbackRequest(Optional.empty(), Optional.empty(), number, intent, intent.defaultPriority(),
                Tier.LINE1, Language.EN, arrived, from, to, "test");
    }

    @Test
    void virtualHoldKeepsThePlaceAmongLiveCallersAndIsServedOnce() {
        dir.add("anna");
        enqueue("early-live", Intent.SALES);
        after(Duration.ofSeconds(10));
        enqueue("keeps-place", Intent.SALES);
        after(Duration.ofSeconds(10));
        enqueue("late-live", Intent.SALES);
        after(Duration.ofSeconds(10));
        run(new AcdCommand.KeepPlaceByCallback(new CallId("keeps-place"), "+37061111111"));
        assertThat(router().status(new CallId("keeps-place"), clock.instant())).isEmpty();
        assertThat(router().status(new CallId("late-live"), clock.instant())).get()
                .satisfies(s -> assertThat(s.position()).isEqualTo(3));

        ready("anna");
        serve("early-live");
        CallbackOffered offer = all(CallbackOffered.class).get(0);
        assertThat(offer.number()).isEqualTo("+37061111111");
        assertThat(offer.attempt()).isEqualTo(1);
        run(new AcdCommand.CallbackAnswered(offer.attemptId()));
        run(new AcdCommand.CallEnded(new CallId(offer.attemptId())));
        run(new AcdCommand.EndWrapUp(op("anna")));
        serve("late-live");
        after(Duration.ofHours(1));
        tick();

        assertThat(offeredOrder()).containsExactly("early-live", "callback-1", "late-live");
    }

    /** Seen on the wallboard: a caller who took a callback was still counted as waiting, and turned the card red. */
    @Test
    void aQueueCountsTheCallersOnTheLineAndTheCallbacksApart() {
        enqueue("keeps-place", Intent.SALES);
        after(Duration.ofSeconds(20));
        enqueue("on-line", Intent.SALES);
        run(new AcdCommand.KeepPlaceByCallback(new CallId("keeps-place"), "+37061111111"));
        after(Duration.ofSeconds(15)); // the callback has waited 35 s (> the 30 s on-line target), the line caller 15 s

        QueueMetrics sales = metrics(Intent.SALES, Tier.LINE1);
        assertThat(sales.waiting()).isEqualTo(1);
        assertThat(sales.callbacksPending()).isEqualTo(1);
        assertThat(sales.longestWait()).isEqualTo(Duration.ofSeconds(15));
        assertThat(sales.breached()).isFalse();
        assertThat(router().status(new CallId("on-line"), clock.instant())).get()
                .satisfies(s -> assertThat(s.position()).as("behind the callback that kept its place").isEqualTo(2));

        after(Duration.ofSeconds(16));
        assertThat(metrics(Intent.SALES, Tier.LINE1).breached()).as("the line caller, 31 s").isTrue();
    }

    @Test
    void aCallbackNeverJumpsAnEarlierLiveCaller() {
        dir.add("anna");
        enqueue("live", Intent.SALES);
        after(Duration.ofSeconds(5));
        run(new AcdCommand.RequestCallback(callback("+37062222222", Intent.SALES, clock.instant(),
                Optional.empty(), Optional.empty())));
        ready("anna");
        assertThat(offeredOrder()).containsExactly("live");
    }

    @Test
    void failedAttemptsAreRetriedTenMinutesApartThenTheCallbackFails() {
        dir.add("anna");
        ready("anna");
        run(new AcdCommand.RequestCallback(callback("+37063333333", Intent.GENERAL, clock.instant(),
                Optional.empty(), Optional.empty())));
        for (int attempt = 1; attempt <= 3; attempt++) {
            List<CallbackOffered> offers = all(CallbackOffered.class);
            assertThat(offers).hasSize(attempt);
            assertThat(offers.get(attempt - 1).attempt()).isEqualTo(attempt);
            run(new AcdCommand.CallbackAttemptFailed(offers.get(attempt - 1).attemptId(),
                    CallbackOutcome.CUSTOMER_NO_ANSWER, "no answer"));
            assertThat(stateOf("anna")).isEqualTo(OperatorState.READY);
            after(Duration.ofMinutes(9));
            tick();
            assertThat(all(CallbackOffered.class)).hasSize(attempt);
            after(Duration.ofMinutes(1));
            tick();
        }
        assertThat(all(CallbackOffered.class)).hasSize(3);
        assertThat(all(AcdEvent.CallbackFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.request().number()).isEqualTo("+37063333333"));
        assertThat(all(AcdEvent.CallbackAttemptFailed.class)).extracting(f -> f.nextAttemptAt().isPresent())
                .containsExactly(true, true, false);
        assertThat(router().snapshot(clock.instant()).callbacksPending()).isZero();
    }

    @Test
    void anOperatorNotAnsweringACallbackDoesNotUseUpAnAttempt() {
        dir.add("anna").add("bob");
        ready("anna");
        run(new AcdCommand.RequestCallback(callback("+37064444444", Intent.SALES, clock.instant(),
                Optional.empty(), Optional.empty())));
        CallbackOffered first = all(CallbackOffered.class).get(0);
        run(new AcdCommand.CallbackAttemptFailed(first.attemptId(), CallbackOutcome.OPERATOR_NO_ANSWER, ""));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.MISSED);

        ready("bob");

        CallbackOffered second = all(CallbackOffered.class).get(1);
        assertThat(second.operator()).isEqualTo(op("bob"));
        assertThat(second.attempt()).isEqualTo(1);
        assertThat(second.attemptId()).isNotEqualTo(first.attemptId());
    }

    @Test
    void aScheduledCallbackWaitsForItsWindow() {
        dir.add("anna");
        ready("anna");
        run(new AcdCommand.RequestCallback(callback("+37065555555", Intent.SALES, clock.instant(),
                Optional.of(T0.plus(Duration.ofHours(1))), Optional.of(T0.plus(Duration.ofHours(2))))));
        tick();
        assertThat(all(CallbackOffered.class)).isEmpty();
        after(Duration.ofHours(1));
        tick();
        assertThat(all(CallbackOffered.class)).hasSize(1);
    }

    @Test
    void anAfterHoursCallbackIsDueAtTheNextOpening() {
        Instant opening = T0.plus(Duration.ofHours(14));
        hours = new BusinessHours() {
            @Override
            public boolean isOpen(Instant at) {
                return !at.isBefore(opening);
            }

            @Override
            public Instant nextOpening(Instant at) {
                return at.isBefore(opening) ? opening : at;
            }
        };
        dir.add("anna");
        ready("anna");
        run(new AcdCommand.RequestCallback(callback("+37066666666", Intent.TECHNICAL, clock.instant(),
                Optional.empty(), Optional.empty())));
        assertThat(all(AcdEvent.CallbackQueued.class)).singleElement()
                .satisfies(q -> assertThat(q.dueAt()).isEqualTo(opening));
        assertThat(all(CallbackOffered.class)).isEmpty();
    }

    @Test
    void aCallbackWhoseWindowHasClosedIsRefused() {
        after(Duration.ofHours(3));
        assertThat(run(new AcdCommand.RequestCallback(callback("+37067777777", Intent.SALES, T0,
                Optional.of(T0), Optional.of(T0.plus(Duration.ofHours(1)))))))
                .singleElement().isInstanceOf(AcdEvent.CommandRejected.class);
    }

    // --- SLA and metrics ---

    @Test
    void aCallerWaitingPastTheTargetRaisesOneBreach() {
        enqueue("slow", Intent.TECHNICAL);
        after(Duration.ofSeconds(30));
        tick();
        assertThat(all(AcdEvent.SlaBreached.class)).isEmpty();
        after(Duration.ofSeconds(1));
        tick();
        after(Duration.ofSeconds(10));
        tick();
        tick();

        assertThat(all(AcdEvent.SlaBreached.class)).singleElement().satisfies(b -> {
            assertThat(b.callId()).isEqualTo(new CallId("slow"));
            assertThat(b.tier()).isEqualTo(Tier.LINE1);
            assertThat(b.queue()).isEqualTo("technical");
            assertThat(b.kind()).isEqualTo(AcdEvent.SlaKind.ON_LINE);
            assertThat(b.limit()).isEqualTo(Duration.ofSeconds(30));
        });
        assertThat(metrics(Intent.TECHNICAL, Tier.LINE1).breached()).isTrue();
    }

    @Test
    void snapshotReportsServiceLevelSpeedOfAnswerAndHandleTime() {
        dir.add("anna");
        ready("anna");
        enqueue("fast", Intent.SALES);
        after(Duration.ofSeconds(1));
        run(new AcdCommand.OperatorAnswered(new CallId("fast")));
        after(Duration.ofSeconds(60));
        run(new AcdCommand.CallEnded(new CallId("fast")));
        enqueue("slow", Intent.SALES);
        after(Duration.ofSeconds(30)); // wrap-up ends, 'slow' waited 30 s
        tick();
        after(Duration.ofSeconds(20));
        run(new AcdCommand.OperatorAnswered(new CallId("slow")));

        QueueMetrics sales = metrics(Intent.SALES, Tier.LINE1);
        assertThat(sales.serviceLevelPercent()).isEqualTo(50.0);
        assertThat(sales.averageSpeedOfAnswer()).isEqualTo(Duration.ofMillis(25_500));
        assertThat(sales.averageHandleTime()).isEqualTo(Duration.ofSeconds(90));
        assertThat(sales.operatorsStaffed()).isEqualTo(1);
        assertThat(router().snapshot(clock.instant()).operatorsByState().get(OperatorState.TALKING)).isEqualTo(1);
    }

    @Test
    void theEstimateGrowsWithPositionAndShrinksWithStaff() {
        config = AcdConfig.defaults(); // 4 min assumed handle time before any measurement
        dir.add("anna").add("bob");
        ready("anna");
        ready("bob");
        enqueue("a", Intent.SALES);
        enqueue("b", Intent.SALES);
        enqueue("first-waiting", Intent.SALES);
        enqueue("second-waiting", Intent.SALES);

        QueueStatus first = router().status(new CallId("first-waiting"), clock.instant()).orElseThrow();
        QueueStatus second = router().status(new CallId("second-waiting"), clock.instant()).orElseThrow();

        assertThat(first.position()).isEqualTo(1);
        assertThat(first.estimatedWait()).isEqualTo(Duration.ofMinutes(2)); // 1 x 240 s / 2 operators
        assertThat(second.position()).isEqualTo(2);
        assertThat(second.estimatedWait()).isEqualTo(Duration.ofMinutes(4));
    }

    QueueMetrics metrics(Intent intent, Tier tier) {
        return router().snapshot(clock.instant()).queues().stream()
                .filter(q -> q.intent() == intent && q.tier() == tier).findFirst().orElseThrow();
    }

    // --- replay ---

    @Test
    void replayingTheEventsRebuildsTheSameState() {
        dir.add("anna").add("bob").add("carl");
        ready("anna");
        enqueue("talking", Intent.SALES);
        run(new AcdCommand.OperatorAnswered(new CallId("talking")));
        ready("bob");
        enqueue("ringing", Intent.TECHNICAL);
        enqueue("waiting-1", Intent.GENERAL);
        after(Duration.ofSeconds(3));
        enqueue("waiting-2", Intent.TECHNICAL, 1, Tier.LINE1, Language.RU);
        run(new AcdCommand.RequestCallback(callback("+37068888888", Intent.GENERAL, T0,
                Optional.empty(), Optional.empty())));
        run(new AcdCommand.SetOperatorState(op("carl"), OperatorState.BREAK, "training"));

        Router rebuilt = new Router(config, dir, hours);
        events.forEach(rebuilt::replay);

        assertThat(rebuilt.snapshot(clock.instant())).isEqualTo(router().snapshot(clock.instant()));
        // and it routes on from there the same way
        List<AcdEvent> a = router().handle(new AcdCommand.SetOperatorState(op("carl"), OperatorState.READY, ""), clock.instant());
        List<AcdEvent> b = rebuilt.handle(new AcdCommand.SetOperatorState(op("carl"), OperatorState.READY, ""), clock.instant());
        assertThat(b).isEqualTo(a);
        assertThat(a).contains(new CallOffered(new CallId("waiting-1"), op("carl"), "PJSIP/carl", clock.instant()));
    }

    // --- restart ---

    @Test
    void linesLostAtRestartTurnWaitingAndRingingCallersIntoCallbacksThatKeepTheirPlace() {
        dir.add("anna").add("bob");
        ready("anna");
        after(Duration.ofSeconds(1));
        ready("bob");
        enqueue("talking", Intent.GENERAL);
        run(new AcdCommand.OperatorAnswered(new CallId("talking")));
        after(Duration.ofSeconds(1));
        enqueue("ringing", Intent.GENERAL);
        after(Duration.ofSeconds(1));
        enqueue("waiting", Intent.GENERAL);
        after(Duration.ofSeconds(1));
        run(new AcdCommand.Enqueue(new dev.frontline.core.acd.QueuedCall(new CallId("twilio"), Intent.GENERAL, 3,
                Tier.LINE1, Language.EN, Optional.empty(), "+37061111111",
                dev.frontline.core.common.Backend.TWILIO, clock.instant())));
        after(Duration.ofSeconds(1));
        run(new AcdCommand.Enqueue(new dev.frontline.core.acd.QueuedCall(new CallId("withheld"), Intent.GENERAL, 3,
                Tier.LINE1, Language.EN, Optional.empty(), "", dev.frontline.core.common.Backend.SIM,
                clock.instant())));
        assertThat(offeredTo("ringing")).isEqualTo(op("bob"));

        events.clear();
        run(new AcdCommand.LinesLost(Set.of(dev.frontline.core.common.Backend.SIM), "server restarted"));

        assertThat(all(AcdEvent.CallEnded.class)).extracting(e -> e.callId().value()).containsExactly("talking");
        assertThat(stateOf("anna")).isEqualTo(OperatorState.WRAP_UP);
        assertThat(all(AcdEvent.CallbackQueued.class)).extracting(e -> e.fromCall().orElseThrow().value())
                .containsExactly("ringing", "waiting");
        // a caller without a number cannot be called back: the line is lost, which is not the caller abandoning
        assertThat(all(AcdEvent.CallLost.class)).extracting(e -> e.callId().value()).containsExactly("withheld");
        assertThat(all(AcdEvent.CallAbandoned.class)).isEmpty();
        // bob is free again and gets the earliest place in line: the ringing caller, now a callback
        CallbackOffered offer = all(CallbackOffered.class).get(0);
        assertThat(offer.operator()).isEqualTo(op("bob"));
        assertThat(all(AcdEvent.CallbackQueued.class).get(0).callbackId()).isEqualTo(offer.callbackId());
        // the Twilio caller's line survives a restart: it still waits, untouched
        assertThat(router().status(new CallId("twilio"), clock.instant())).isPresent();
        assertThat(router().status(new CallId("waiting"), clock.instant())).isEmpty();
    }

    // --- ring outcomes belong to their offer (a real PBX dials after the queue prompts; issue 18) ---

    @Test
    void theRingTimerCountsFromTheRealDialNotFromTheOffer() {
        dir.add("anna");
        ready("anna");
        enqueue("x", Intent.SALES);
        after(Duration.ofSeconds(6)); // the queue prompts play before the PBX dials
        run(new AcdCommand.PhoneRinging(new CallId("x"), op("anna")));
        after(Duration.ofSeconds(10));
        tick(); // 16 s after the offer, 10 s after the ring began
        assertThat(stateOf("anna")).isEqualTo(OperatorState.RINGING);
        after(Duration.ofSeconds(5));
        tick(); // 15 s of ringing
        assertThat(stateOf("anna")).isEqualTo(OperatorState.MISSED);
    }

    @Test
    void aNoAnswerForAnEarlierOfferBlamesNobody() {
        dir.add("anna").add("bob");
        ready("anna");
        ready("bob");
        enqueue("x", Intent.SALES);
        assertThat(offeredTo("x")).isEqualTo(op("anna"));
        after(Duration.ofSeconds(15));
        tick(); // the ACD's timer ran out first: bob is offered the call
        assertThat(offeredTo("x")).isEqualTo(op("bob"));

        run(new AcdCommand.RingNoAnswer(new CallId("x"), op("anna"), "ring no answer")); // the PBX's outcome for anna

        assertThat(stateOf("bob")).isEqualTo(OperatorState.RINGING);
        assertThat(all(AcdEvent.CallRequeued.class)).extracting(AcdEvent.CallRequeued::missedBy)
                .containsExactly(op("anna"));
        assertThat(all(AcdEvent.CommandRejected.class)).last()
                .satisfies(r -> assertThat(r.reason()).contains("stale"));
    }

    @Test
    void aLateAnswerOfAnEarlierOfferConnectsTheCallerAndReleasesTheOperatorRungSince() {
        dir.add("anna").add("bob");
        ready("anna");
        ready("bob");
        enqueue("x", Intent.SALES);
        after(Duration.ofSeconds(15));
        tick(); // offered to bob now; anna's phone still rings on the PBX
        run(new AcdCommand.OperatorAnswered(new CallId("x"), op("anna")));

        assertThat(all(AcdEvent.CallAnswered.class)).extracting(AcdEvent.CallAnswered::operator)
                .containsExactly(op("anna"));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.TALKING);
        assertThat(stateOf("bob")).isEqualTo(OperatorState.READY);
        run(new AcdCommand.CallEnded(new CallId("x")));
        assertThat(all(AcdEvent.CallAbandoned.class)).isEmpty();
        assertThat(all(AcdEvent.CallEnded.class)).extracting(AcdEvent.CallEnded::operator).containsExactly(op("anna"));
    }

    @Test
    void aLostLineKeepsAKnownCallersPlaceAndIsNotAnAbandon() {
        dir.add("anna");
        enqueue("x", Intent.SALES); // AcdFixtures' callers have a +370 number
        run(new AcdCommand.LineLost(new CallId("x"), "PBX restarted"));
        assertThat(all(AcdEvent.CallAbandoned.class)).isEmpty();
        assertThat(all(AcdEvent.CallbackQueued.class)).singleElement()
                .satisfies(c -> assertThat(c.request().reason()).contains("PBX restarted"));
        assertThat(router().snapshot(clock.instant()).queues().stream().mapToDouble(QueueMetrics::abandonRatePercent).sum())
                .isZero();
    }

    // --- sticky routing: a returning customer goes to the operator who handled them (issue 21) ---

    void enqueueCustomer(String id, long customer) {
        run(new AcdCommand.Enqueue(new QueuedCall(new CallId(id), Intent.TECHNICAL, 1, Tier.LINE1, Language.EN,
                Optional.of(new dev.frontline.core.common.CustomerId(customer)), "+37061000000",
                dev.frontline.core.common.Backend.SIM, clock.instant())));
    }

    @Test
    void aReturningCustomerIsOfferedFirstToTheOperatorWhoHandledThem() {
        dir.add("anna").add("bob");
        ready("bob");
        after(Duration.ofSeconds(1));
        ready("anna");
        enqueueCustomer("first", 7);
        assertThat(offeredTo("first")).isEqualTo(op("bob")); // bob was idle longest
        serve("first");
        after(Duration.ofMinutes(30));
        ready("anna"); // anna has now been idle longest
        enqueueCustomer("again", 7);
        assertThat(offeredTo("again")).isEqualTo(op("bob"));
        enqueueCustomer("someone-else", 8);
        assertThat(offeredTo("someone-else")).isEqualTo(op("anna"));
    }

    @Test
    void aReturningCustomerWaitsAFewSecondsForTheirBusyOperatorThenGoesToAnyone() {
        config = config.withSticky(Duration.ofSeconds(10), Duration.ofHours(24));
        dir.add("anna").add("bob");
        ready("anna");
        enqueueCustomer("first", 7);
        run(new AcdCommand.OperatorAnswered(new CallId("first")));
        run(new AcdCommand.CallEnded(new CallId("first"))); // anna wraps up
        ready("bob");
        enqueueCustomer("again", 7);
        assertThat(offeredTo("again")).as("kept for anna").isNull();
        after(Duration.ofSeconds(5));
        run(new AcdCommand.EndWrapUp(op("anna")));
        assertThat(offeredTo("again")).isEqualTo(op("anna"));

        serve("again");
        run(new AcdCommand.SetOperatorState(op("bob"), OperatorState.READY, ""));
        enqueueCustomer("talking", 9);
        assertThat(offeredTo("talking")).isEqualTo(op("bob"));
        run(new AcdCommand.OperatorAnswered(new CallId("talking")));
        enqueueCustomer("third", 7); // anna is ready: straight to her
        assertThat(offeredTo("third")).isEqualTo(op("anna"));
        run(new AcdCommand.OperatorAnswered(new CallId("third")));
        run(new AcdCommand.CallEnded(new CallId("talking")));
        run(new AcdCommand.EndWrapUp(op("bob")));
        enqueueCustomer("fourth", 7); // anna talks to customer 7 still: kept for her, then anyone
        assertThat(offeredTo("fourth")).isNull();
        after(Duration.ofSeconds(10));
        tick();
        assertThat(offeredTo("fourth")).isEqualTo(op("bob"));
    }

    @Test
    void noStickinessWhenThatOperatorIsAwayOrTheLastCallIsOld() {
        config = config.withSticky(Duration.ofSeconds(10), Duration.ofHours(1));
        dir.add("anna").add("bob");
        ready("anna");
        enqueueCustomer("first", 7);
        serve("first");
        run(new AcdCommand.SetOperatorState(op("anna"), OperatorState.BREAK, "lunch"));
        ready("bob");
        enqueueCustomer("on-break", 7);
        assertThat(offeredTo("on-break")).isEqualTo(op("bob"));
        serve("on-break");
        after(Duration.ofHours(2));
        run(new AcdCommand.SetOperatorState(op("bob"), OperatorState.BREAK, "coffee"));
        ready("anna");
        after(Duration.ofSeconds(1));
        ready("bob");
        tick();
        enqueueCustomer("later", 7);
        assertThat(offeredTo("later")).isEqualTo(op("anna")); // idle longest; bob's call was two hours ago
    }
}
