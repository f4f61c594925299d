package dev.frontline.server.twilio;

import dev.frontline.core.store.Database;
import dev.frontline.core.store.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code twilio_calls} (migration V40) on a real PostgreSQL. */
class TwilioCallsPostgresIT {
    Database db;

    @BeforeEach
    void open() {
        db = PostgresTestDatabase.fresh();
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void keepsTheStateOfACallAcrossInstances() {
        TwilioCalls calls = new TwilioCalls(db, Clock.systemUTC());
        String sid = "CA11111111111111111111111111111111";

        assertThat(calls.known(sid)).isFalse();
        calls.insert(sid, "+37061234567", "+37052000000", TwilioCalls.State.IVR);
        assertThat(calls.known(sid)).isTrue();
        assertThat(new TwilioCalls(db, Clock.systemUTC()).known(sid)).isTrue(); // PostgreSQL: read from the store
        calls.insert(sid, "+37061234567", "+37052000000", TwilioCalls.State.QUEUED); // another server raced: first row stays
        assertThat(new TwilioCalls(db, Clock.systemUTC()).find(sid).orElseThrow().state()).isEqualTo(TwilioCalls.State.IVR);
        calls.setState(sid, TwilioCalls.State.QUEUED);
        calls.ringing(sid, "anna");

        TwilioCalls.Row row = new TwilioCalls(db, Clock.systemUTC()).find(sid).orElseThrow();
        assertThat(row.state()).isEqualTo(TwilioCalls.State.RINGING);
        assertThat(row.operator()).isEqualTo(Optional.of("anna"));
        assertThat(row.from()).isEqualTo("+37061234567");
        assertThat(calls.find("CA22222222222222222222222222222222")).isEmpty();
    }

    /** The caller's conference (ADR 0128, migration V100) is in the shared store for the next server. */
    @Test
    void keepsTheCallersConferenceAndTheOperatorsLegAcrossInstances() {
        TwilioCalls calls = new TwilioCalls(db, Clock.systemUTC());
        String sid = "CA33333333333333333333333333333333";
        calls.insert(sid, "+37061234567", "+37052000000", TwilioCalls.State.QUEUED);
        calls.ringing(sid, "anna");

        calls.inConference(sid, true);
        calls.conferenceSid(sid, "CF0123456789abcdef0123456789abcdef");
        calls.operatorLeg(sid, "CA44444444444444444444444444444444");

        TwilioCalls.Row row = new TwilioCalls(db, Clock.systemUTC()).find(sid).orElseThrow();
        assertThat(row.inConference()).isTrue();
        assertThat(row.conferenceSid()).contains("CF0123456789abcdef0123456789abcdef");
        assertThat(row.operatorLeg()).contains("CA44444444444444444444444444444444");
        assertThat(row.operator()).contains("anna");
        calls.operatorLeg(sid, null);
        assertThat(new TwilioCalls(db, Clock.systemUTC()).find(sid).orElseThrow().operatorLeg()).isEmpty();
    }

    /** A consultation in the caller's conference (ADR 0138, migration V104) is in the shared store for the next server. */
    @Test
    void keepsTheConsultationAcrossInstances() {
        TwilioCalls calls = new TwilioCalls(db, Clock.systemUTC());
        String sid = "CA55555555555555555555555555555555";
        calls.insert(sid, "+37061234567", "+37052000000", TwilioCalls.State.QUEUED);
        calls.ringing(sid, "anna");

        calls.consult(sid, new TwilioCalls.Consult("anna", "boris", Optional.of("CA66666666666666666666666666666666"),
                true));

        TwilioCalls.Row row = new TwilioCalls(db, Clock.systemUTC()).find(sid).orElseThrow();
        assertThat(row.consult()).contains(new TwilioCalls.Consult("anna", "boris",
                Optional.of("CA66666666666666666666666666666666"), true));
        assertThat(row.operator()).contains("anna");
        calls.consult(sid, null);
        assertThat(new TwilioCalls(db, Clock.systemUTC()).find(sid).orElseThrow().consult()).isEmpty();
    }

    /**
     * A callback call's conference (ADR 0151, migration V124) is in the shared store: a server taking over finds it,
     * with the transfer's offer and the consultation, and a callback that ended is gone.
     */
    @Test
    void keepsACallbacksConferenceAcrossInstances() {
        CallbackCalls calls = new CallbackCalls(db, Clock.systemUTC());
        String attempt = "cb-7-1";
        calls.put(attempt, CallbackCalls.Call.placed(new dev.frontline.core.common.OperatorId("anna"), null,
                "+37061234567", "+37052000000"));
        calls.update(attempt, c -> c.withOperator(c.operator(), "CA77777777777777777777777777777777")
                .withCustomer(Optional.of("CF0123456789abcdef0123456789abcdef"),
                        Optional.of("CA88888888888888888888888888888888"), true, true)
                .withConsult(Optional.of(new TwilioCalls.Consult("anna", "boris",
                        Optional.of("CA99999999999999999999999999999999"), false))));

        CallbackCalls.Call c = new CallbackCalls(db, Clock.systemUTC()).find(attempt).orElseThrow();
        assertThat(c.operator().value()).isEqualTo("anna");
        assertThat(c.operatorLeg()).isEqualTo("CA77777777777777777777777777777777");
        assertThat(c.customerLeg()).contains("CA88888888888888888888888888888888");
        assertThat(c.conference(attempt)).isEqualTo("CF0123456789abcdef0123456789abcdef");
        assertThat(c.answered()).isTrue();
        assertThat(c.consult()).contains(new TwilioCalls.Consult("anna", "boris",
                Optional.of("CA99999999999999999999999999999999"), false));
        calls.update(attempt, x -> x.withOffer(Optional.of(new CallbackCalls.Offer(
                new dev.frontline.core.common.OperatorId("carol"), Optional.empty()))).withConsult(Optional.empty()));
        CallbackCalls.Call after = new CallbackCalls(db, Clock.systemUTC()).find(attempt).orElseThrow();
        assertThat(after.offer().map(o -> o.operator().value())).contains("carol");
        assertThat(after.consult()).isEmpty();

        calls.remove(attempt);

        assertThat(new CallbackCalls(db, Clock.systemUTC()).find(attempt)).isEmpty();
        assertThat(calls.find("CA11111111111111111111111111111111")).isEmpty(); // a caller's CallSid: not asked
    }
}
