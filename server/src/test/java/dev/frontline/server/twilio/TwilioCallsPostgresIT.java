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

        assertThat(calls.insert(sid, "+37061234567", "+37052000000", TwilioCalls.State.IVR)).isTrue();
        assertThat(calls.insert(sid, "+37061234567", "+37052000000", TwilioCalls.State.IVR)).isFalse();
        calls.setState(sid, TwilioCalls.State.QUEUED);
        calls.ringing(sid, "anna");

        TwilioCalls.Row row = new TwilioCalls(db, Clock.systemUTC()).find(sid).orElseThrow();
        assertThat(row.state()).isEqualTo(TwilioCalls.State.RINGING);
        assertThat(row.operator()).isEqualTo(Optional.of("anna"));
        assertThat(row.from()).isEqualTo("+37061234567");
        assertThat(calls.find("CA22222222222222222222222222222222")).isEmpty();
    }
}
