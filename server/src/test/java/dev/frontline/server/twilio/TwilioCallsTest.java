package dev.frontline.server.twilio;

import dev.frontline.core.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code twilio_calls} on a SQLite file: which CallSids have started, across a restart, answered from memory. */
class TwilioCallsTest {
    private static final Instant T = Instant.parse("2026-11-23T08:00:00Z");
    private static final String SID = "CA22222222222222222222222222222222";

    @TempDir
    Path dir;
    Database db;

    @BeforeEach
    void open() {
        db = Database.sqlite(dir.resolve("calls.db"));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aCallStartedBeforeARestartCannotStartAgainAfterIt() {
        TwilioCalls before = new TwilioCalls(db, at(T));
        assertThat(before.known(SID)).isFalse();
        before.insert(SID, "+37061234567", "+37052000000", TwilioCalls.State.IVR);
        before.setState(SID, TwilioCalls.State.ENDED);
        assertThat(before.known(SID)).isTrue();

        TwilioCalls after = new TwilioCalls(db, at(T.plus(Duration.ofHours(5))));
        assertThat(after.known(SID)).isTrue();
        assertThat(after.known("CA33333333333333333333333333333333")).isFalse();
    }

    @Test
    void callsOlderThanAnyTwilioCallCanLastAreNotHeldInMemory() {
        new TwilioCalls(db, at(T)).insert(SID, "+37061234567", "+37052000000", TwilioCalls.State.ENDED);

        // Twilio ends a call within 24 h: two days on, its incoming webhook cannot come again, so it is not looked for
        TwilioCalls later = new TwilioCalls(db, at(T.plus(TwilioCalls.RECENT).plusSeconds(1)));
        assertThat(later.known(SID)).isFalse();
        assertThat(later.find(SID)).as("the row itself stays in the store").isPresent();
    }

    private static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }
}
