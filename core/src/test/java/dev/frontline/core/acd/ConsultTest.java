package dev.frontline.core.acd;

import dev.frontline.core.call.CallConnector;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.JdbcAcdEventLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.frontline.core.acd.AcdFixtures.T0;
import static dev.frontline.core.acd.AcdFixtures.call;
import static dev.frontline.core.acd.AcdFixtures.op;
import static org.assertj.core.api.Assertions.assertThat;

/** Warm (consult) transfer in the routing core (issue 21): consult, complete, cancel and every way it can go wrong. */
class ConsultTest {
    static final CallId C = new CallId("c");
    final ManualClock clock = new ManualClock(T0);
    final AcdFixtures.Directory dir = new AcdFixtures.Directory();
    Router router;
    final List<AcdEvent> events = new ArrayList<>();

    List<AcdEvent> run(AcdCommand c) {
        if (router == null) {
            router = new Router(AcdConfig.defaults(), dir, BusinessHours.always());
        }
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

    OperatorState stateOf(String login) {
        return router.snapshot(clock.instant()).operators().stream().filter(v -> v.id().equals(op(login)))
                .findFirst().orElseThrow().state();
    }

    List<String> rejections() {
        return all(AcdEvent.CommandRejected.class).stream().map(AcdEvent.CommandRejected::reason).toList();
    }

    /** anna talks with caller "c" (technical, priority 1); boris is ready. */
    void annaTalksAndBorisIsReady() {
        dir.add("anna").add("boris");
        ready("anna");
        run(new AcdCommand.Enqueue(call("c", Intent.TECHNICAL, clock.instant())));
        run(new AcdCommand.OperatorAnswered(C));
        clock.advance(Duration.ofSeconds(5));
        ready("boris");
    }

    @Test
    void theCallerHoldsWhileTheColleagueIsConsultedThenTalksToThemAndTheFirstWrapsUp() {
        annaTalksAndBorisIsReady();

        run(new AcdCommand.Consult(C, op("anna"), op("boris"), null, " modem replaced "));
        assertThat(all(AcdEvent.CallHeld.class)).hasSize(1);
        assertThat(all(AcdEvent.ConsultOffered.class)).singleElement().satisfies(o -> {
            assertThat(o.to()).isEqualTo(op("boris"));
            assertThat(o.endpoint()).isEqualTo("PJSIP/boris");
            assertThat(o.note()).isEqualTo("modem replaced");
        });
        assertThat(stateOf("boris")).isEqualTo(OperatorState.RINGING);
        run(new AcdCommand.ConsultAnswered(C, op("boris")));
        assertThat(stateOf("boris")).isEqualTo(OperatorState.TALKING);
        assertThat(stateOf("anna")).isEqualTo(OperatorState.TALKING);
        clock.advance(Duration.ofSeconds(20));

        run(new AcdCommand.CompleteTransfer(C, op("anna")));
        run(new AcdCommand.CallEnded(C));

        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(ConsultOutcome.COMPLETED));
        assertThat(all(AcdEvent.CallResumed.class)).singleElement().satisfies(r -> {
            assertThat(r.heldFor()).isEqualTo(Duration.ofSeconds(20));
            assertThat(r.taken()).isFalse();
        });
        assertThat(all(AcdEvent.CallEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.operator()).isEqualTo(op("boris")));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.WRAP_UP);
        assertThat(stateOf("boris")).isEqualTo(OperatorState.WRAP_UP);
    }

    @Test
    void cancellingGivesTheCallerBackToTheFirstOperatorAndFreesTheColleague() {
        annaTalksAndBorisIsReady();
        run(new AcdCommand.Consult(C, op("anna"), op("boris"), null, null));
        run(new AcdCommand.ConsultAnswered(C, op("boris")));

        run(new AcdCommand.CancelConsult(C, op("anna")));
        run(new AcdCommand.Enqueue(call("next", Intent.TECHNICAL, clock.instant())));

        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(ConsultOutcome.CANCELLED));
        assertThat(all(AcdEvent.CallResumed.class)).singleElement().satisfies(r -> {
            assertThat(r.operator()).isEqualTo(op("anna"));
            assertThat(r.taken()).isTrue();
        });
        assertThat(stateOf("anna")).isEqualTo(OperatorState.TALKING);
        assertThat(all(AcdEvent.CallOffered.class)).last().satisfies(o -> {
            assertThat(o.callId()).isEqualTo(new CallId("next"));
            assertThat(o.operator()).isEqualTo(op("boris"));
        });
        run(new AcdCommand.CallEnded(C));
        assertThat(all(AcdEvent.CallEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.operator()).isEqualTo(op("anna")));
    }

    @Test
    void aColleagueWhoDoesNotAnswerIsMissedAndTheCallerReturnsToTheFirstOperator() {
        annaTalksAndBorisIsReady();
        run(new AcdCommand.Consult(C, op("anna"), op("boris"), null, null));
        run(new AcdCommand.PhoneRinging(C, op("boris"))); // a consultation's ring is no call's ring: refused, harmless

        clock.advance(AcdConfig.defaults().ringTimeout());
        run(new AcdCommand.Tick());

        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(ConsultOutcome.NOT_ANSWERED);
            assertThat(e.detail()).isEqualTo("ring no answer");
        });
        assertThat(all(AcdEvent.CallResumed.class)).singleElement().satisfies(r -> assertThat(r.taken()).isTrue());
        assertThat(stateOf("boris")).isEqualTo(OperatorState.MISSED);
        assertThat(stateOf("anna")).isEqualTo(OperatorState.TALKING);
        assertThat(all(AcdEvent.CallRequeued.class)).isEmpty();
    }

    @Test
    void aBusyColleagueGivesTheCallerBackAndALateOutcomeOfThatRingChangesNothing() {
        annaTalksAndBorisIsReady();
        run(new AcdCommand.Consult(C, op("anna"), op("boris"), null, null));
        run(new AcdCommand.ConsultFailed(C, op("boris"), "phone busy"));
        int before = events.size();

        run(new AcdCommand.ConsultFailed(C, op("boris"), "ring no answer"));
        run(new AcdCommand.ConsultAnswered(C, op("boris")));

        assertThat(events.subList(before, events.size())).allMatch(AcdEvent.CommandRejected.class::isInstance);
        assertThat(stateOf("anna")).isEqualTo(OperatorState.TALKING);
        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.detail()).isEqualTo("phone busy"));
    }

    @Test
    void theFirstOperatorHangingUpAfterTheColleagueAnsweredCompletesTheTransfer() {
        annaTalksAndBorisIsReady();
        run(new AcdCommand.Consult(C, op("anna"), op("boris"), null, null));
        run(new AcdCommand.ConsultAnswered(C, op("boris")));

        run(new AcdCommand.ConsultantLeft(C, op("anna")));

        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(ConsultOutcome.COMPLETED);
            assertThat(e.detail()).isEqualTo("anna hung up");
        });
        assertThat(stateOf("anna")).isEqualTo(OperatorState.WRAP_UP);
        assertThat(stateOf("boris")).isEqualTo(OperatorState.TALKING);
    }

    @Test
    void theFirstOperatorHangingUpBeforeTheColleagueAnsweredPutsTheCallerBackInLineWithItsPlaceAndPriority() {
        annaTalksAndBorisIsReady();
        run(new AcdCommand.Consult(C, op("anna"), op("boris"), null, null));
        clock.advance(Duration.ofSeconds(3));
        run(new AcdCommand.Enqueue(call("later", Intent.TECHNICAL, 1, Tier.LINE1, Language.EN, clock.instant())));

        run(new AcdCommand.ConsultantLeft(C, op("anna")));

        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(ConsultOutcome.CONSULTANT_LEFT));
        assertThat(all(AcdEvent.CallTransferred.class)).singleElement().satisfies(t -> {
            assertThat(t.from()).isEqualTo(op("anna"));
            assertThat(t.intent()).isEqualTo(Intent.TECHNICAL);
            assertThat(t.tier()).isEqualTo(Tier.LINE1);
            assertThat(t.to()).isNull();
        });
        // the caller arrived before "later": freed boris is offered it first
        assertThat(all(AcdEvent.CallOffered.class)).last().satisfies(o -> {
            assertThat(o.callId()).isEqualTo(C);
            assertThat(o.operator()).isEqualTo(op("boris"));
        });
        assertThat(stateOf("anna")).isEqualTo(OperatorState.WRAP_UP);
    }

    @Test
    void theCallerHangingUpMidConsultationReleasesBothOperators() {
        annaTalksAndBorisIsReady();
        run(new AcdCommand.Consult(C, op("anna"), op("boris"), null, null));
        run(new AcdCommand.ConsultAnswered(C, op("boris")));

        run(new AcdCommand.CallerHungUp(C));

        assertThat(all(AcdEvent.ConsultEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(ConsultOutcome.CALLER_LEFT));
        assertThat(all(AcdEvent.CallEnded.class)).singleElement()
                .satisfies(e -> assertThat(e.operator()).isEqualTo(op("anna")));
        assertThat(stateOf("anna")).isEqualTo(OperatorState.WRAP_UP);
        assertThat(stateOf("boris")).isEqualTo(OperatorState.READY);
    }

    @Test
    void aLineIsConsultedThroughItsLongestReadyOperator() {
        dir.add("anna");
        dir.add("second-new", Set.of(Intent.TECHNICAL), Set.of(Tier.LINE2), Set.of(Language.EN));
        dir.add("second-old", Set.of(Intent.TECHNICAL), Set.of(Tier.LINE2), Set.of(Language.EN));
        ready("anna");
        run(new AcdCommand.Enqueue(call("c", Intent.TECHNICAL, clock.instant())));
        run(new AcdCommand.OperatorAnswered(C));
        ready("second-old");
        clock.advance(Duration.ofSeconds(5));
        ready("second-new");

        run(new AcdCommand.Consult(C, op("anna"), null, Tier.LINE2, null));

        assertThat(all(AcdEvent.ConsultOffered.class)).singleElement().satisfies(o -> {
            assertThat(o.to()).isEqualTo(op("second-old"));
            assertThat(o.tier()).isEqualTo(Tier.LINE2);
        });
    }

    @Test
    void badConsultCommandsAreRefusedAndChangeNothing() {
        annaTalksAndBorisIsReady();
        dir.add("carl");
        run(new AcdCommand.SetOperatorState(op("carl"), OperatorState.BREAK, "lunch"));
        int before = events.size();

        run(new AcdCommand.Consult(C, op("anna"), op("carl"), null, null));
        run(new AcdCommand.Consult(C, op("anna"), op("anna"), null, null));
        run(new AcdCommand.Consult(C, op("boris"), op("anna"), null, null));
        run(new AcdCommand.Consult(C, op("anna"), null, Tier.LINE3, null));
        run(new AcdCommand.Consult(C, op("anna"), null, null, null));
        run(new AcdCommand.CompleteTransfer(C, op("anna")));
        run(new AcdCommand.CancelConsult(C, op("anna")));
        assertThat(events.subList(before, events.size())).allMatch(AcdEvent.CommandRejected.class::isInstance);

        run(new AcdCommand.Consult(C, op("anna"), op("boris"), null, null));
        int during = events.size();
        run(new AcdCommand.CompleteTransfer(C, op("anna"))); // boris has not answered
        run(new AcdCommand.Consult(C, op("anna"), op("boris"), null, null));
        run(new AcdCommand.Transfer(C, null, Tier.LINE2));
        run(new AcdCommand.Hold(C, op("anna"), false));
        run(new AcdCommand.CancelConsult(C, op("boris")));
        assertThat(events.subList(during, events.size())).allMatch(AcdEvent.CommandRejected.class::isInstance);

        assertThat(rejections()).containsExactly("carl is not ready (break)", "the call is already with anna",
                "boris is not talking on this call", "nobody on line3 is ready",
                "a colleague or a line to consult is required", "anna has no consultation on this call",
                "anna has no consultation on this call", "boris has not answered yet",
                "a consultation with boris is under way already",
                "a consultation with boris is under way: complete or cancel it",
                "the caller is held for a consultation with boris: complete or cancel it",
                "boris has no consultation on this call");
        assertThat(stateOf("boris")).isEqualTo(OperatorState.RINGING);
    }

    @Test
    void aReplayedLogRebuildsAConsultationThatThenCompletes() {
        annaTalksAndBorisIsReady();
        run(new AcdCommand.Consult(C, op("anna"), op("boris"), null, null));
        run(new AcdCommand.ConsultAnswered(C, op("boris")));

        Router restarted = new Router(AcdConfig.defaults(), dir, BusinessHours.always());
        events.forEach(restarted::replay);
        List<AcdEvent> out = restarted.handle(new AcdCommand.CompleteTransfer(C, op("anna")), clock.instant());

        assertThat(out).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(AcdEvent.ConsultEnded.class,
                x -> assertThat(x.outcome()).isEqualTo(ConsultOutcome.COMPLETED)));
        assertThat(restarted.snapshot(clock.instant()).operators()).filteredOn(o -> o.id().equals(op("boris")))
                .singleElement().satisfies(o -> assertThat(o.currentCall()).contains(C));
    }

    /** On the real event log (SQLite): an ACD restarted mid-consultation keeps the caller and the consultation. */
    @Test
    void anAcdRestartedMidConsultationLosesNeitherTheCallerNorTheConsultation(@TempDir Path tmp) throws Exception {
        dir.add("anna").add("boris");
        RecordingConnector connector = new RecordingConnector();
        try (Database db = Database.sqlite(tmp.resolve("acd.db"))) {
            AcdService first = service(db, connector);
            first.setOperatorState(op("anna"), OperatorState.READY, "");
            first.enqueue(call("c", Intent.TECHNICAL, clock.instant()));
            first.operatorAnswered(C, op("anna"));
            first.setOperatorState(op("boris"), OperatorState.READY, "");
            first.consult(C, op("anna"), op("boris"), null, "router replaced");
            first.sync();
            first.close();

            AcdService second = service(db, connector);
            try {
                second.consultAnswered(C, op("boris"));
                second.completeTransfer(C, op("anna"));
                second.callEnded(C);
                second.sync();
                assertThat(connector.consults).containsExactly("RING c anna>boris", "COMPLETE c anna>boris");
                String counted = db.inTransaction(c -> {
                    try (var rs = c.createStatement().executeQuery(
                            "SELECT consults, warm_transfers FROM calls WHERE call_id = 'c'")) {
                        return rs.next() ? rs.getInt(1) + "/" + rs.getInt(2) : "no calls row"; // the IVR makes the row
                    }
                });
                assertThat(counted).isIn("no calls row", "1/1");
                List<String> types = db.inTransaction(c -> {
                    List<String> t = new ArrayList<>();
                    try (var rs = c.createStatement().executeQuery(
                            "SELECT type, operator_login FROM call_events WHERE call_id = 'c' ORDER BY seq")) {
                        while (rs.next()) {
                            t.add(rs.getString(1) + " " + rs.getString(2));
                        }
                    }
                    return t;
                });
                assertThat(types).containsSubsequence("ConsultOffered anna", "ConsultAnswered boris",
                        "ConsultEnded anna", "CallEnded boris");
            } finally {
                second.close();
            }
        }
    }

    /** A line that cannot consult (Twilio, until its conferences come) refuses at once: the desk hears "not supported". */
    @Test
    void aLineThatCannotConsultRefusesBeforeAnythingChanges(@TempDir Path tmp) throws Exception {
        dir.add("anna").add("boris");
        CallConnector plain = new CallConnector() {
            @Override
            public void connect(CallId callId, OperatorId operator, String endpoint) {
            }

            @Override
            public void originateCallback(String attemptId, OperatorId operator, String endpoint, String number,
                                          String callerId) {
            }
        };
        try (Database db = Database.sqlite(tmp.resolve("acd.db")); AcdService acd = service(db, plain)) {
            acd.setOperatorState(op("anna"), OperatorState.READY, "");
            acd.enqueue(call("c", Intent.TECHNICAL, clock.instant()));
            acd.operatorAnswered(C, op("anna"));
            acd.sync();

            UnsupportedOperationException e = org.junit.jupiter.api.Assertions.assertThrows(
                    UnsupportedOperationException.class, () -> acd.consult(C, op("anna"), op("boris"), null, null));
            assertThat(e.getMessage()).isEqualTo("consult (warm transfer) is not available on this call's line");
            acd.sync();
            assertThat(acd.snapshot().operators()).filteredOn(o -> o.id().equals(op("anna")))
                    .singleElement().satisfies(o -> assertThat(o.state()).isEqualTo(OperatorState.TALKING));
        }
    }

    /**
     * The desks' connector pops the colleague's screen from the consultation's RING step on another thread, with the
     * note and "from" it learnt from the {@code ConsultOffered} event. The ACD acted on the event (RING) before its
     * listeners heard of it, so the pop could go out without them ("a screen-pop without transferredBy", seen in
     * FrontlineServerTest and NamedTransferRaceTest under load). Listeners now hear a consultation's offer first.
     */
    @Test
    void listenersHearOfAConsultationBeforeTheColleaguesPhoneIsRung(@TempDir Path tmp) throws Exception {
        dir.add("anna").add("boris");
        List<AcdEvent> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Boolean> offerKnownAtRing = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingConnector connector = new RecordingConnector() {
            @Override
            public void consult(CallId callId, OperatorId from, OperatorId to, String endpoint, ConsultStep step) {
                if (step == ConsultStep.RING) {
                    offerKnownAtRing.add(heard.stream().anyMatch(AcdEvent.ConsultOffered.class::isInstance));
                }
                super.consult(callId, from, to, endpoint, step);
            }
        };
        try (Database db = Database.sqlite(tmp.resolve("acd.db")); AcdService acd = service(db, connector)) {
            acd.subscribe(heard::add);
            acd.setOperatorState(op("anna"), OperatorState.READY, "");
            acd.enqueue(call("c", Intent.TECHNICAL, clock.instant()));
            acd.operatorAnswered(C, op("anna"));
            acd.setOperatorState(op("boris"), OperatorState.READY, "");
            acd.sync();

            acd.consult(C, op("anna"), op("boris"), null, "modem replaced");
            acd.sync();

            assertThat(offerKnownAtRing).containsExactly(true);
        }
    }

    AcdService service(Database db, CallConnector connector) {
        return new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db), dir, BusinessHours.always(),
                connector, new RecordingSms(), new CallbackNotices("+37052000000")).start(false);
    }

    @Test
    void aRouterRestoredFromASnapshotTakenMidConsultationGoesOnWithIt() {
        annaTalksAndBorisIsReady();
        run(new AcdCommand.Consult(C, op("anna"), op("boris"), null, null));
        run(new AcdCommand.ConsultAnswered(C, op("boris")));
        Router restored = Router.restore(AcdConfig.defaults(), dir, BusinessHours.always(),
                router.image(events.size(), clock.instant()));

        List<AcdEvent> live = run(new AcdCommand.CompleteTransfer(C, op("anna")));
        List<AcdEvent> afterRestart = restored.handle(new AcdCommand.CompleteTransfer(C, op("anna")), clock.instant());

        assertThat(afterRestart).isEqualTo(live);
        assertThat(live).noneMatch(e -> e instanceof AcdEvent.CommandRejected);
    }
}
