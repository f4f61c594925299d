package dev.frontline.core.store;

import dev.frontline.core.api.Views;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.flow.FlowSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The voice menu's tables (flow_sessions, calls, ratings) on any supported database. */
abstract class FlowStoreContract extends StoreContractBase {

    private FlowSession session(String callId, Long customer, boolean ended, int version) {
        return new FlowSession(callId, "support", ended ? "goodbye" : "main-menu",
                ended ? FlowSession.Waiting.ENDED : FlowSession.Waiting.DIGITS, 1, 0, Language.LT, "+37061234567",
                "+37052000000", Backend.TWILIO, customer, customer != null, false, true, "Vilnius-1", Intent.TECHNICAL, 1,
                Tier.LINE1, Map.of("contract", "5550123"), List.of("identified by calling number", "pressed 1 (technical failure)"),
                false, ended ? "self-served" : null, ended ? "goodbye" : null, ended, version);
    }

    private long customer() {
        return new JdbcCustomerRepository(db, clock).insertAll(List.of(new NewCustomer("5550123", "Jonas",
                Optional.of("+37061234567"), List.of(), "", "", "Vilnius-1", "", List.of(), "active", Language.LT, "jonas",
                Optional.empty()))).get(0).value();
    }

    @Test
    void sessionsRoundTripAndTheLatestVersionWins() {
        FlowSessionStore store = new FlowSessionStore(db, clock);
        store.save(session("CA1", null, false, 1));
        FlowSession later = session("CA1", null, true, 2);
        store.save(later);

        assertThat(store.load(new CallId("CA1"))).contains(later);
        assertThat(store.load(new CallId("CA2"))).isEmpty();
        assertThat(rows("flow_sessions")).isEqualTo(1);
        store.delete(new CallId("CA1"));
        assertThat(store.load(new CallId("CA1"))).isEmpty();
    }

    /** Issue 20 item 10: 112k finished calls left 111,961 rows (77 MB) in flow_sessions, kept forever. */
    @Test
    void finishedSessionsAreDeletedAfterTheRetentionAndLiveOnesKept() {
        FlowSessionStore store = new FlowSessionStore(db, clock);
        store.save(session("done-early", null, true, 3));
        store.save(session("live", null, false, 1));
        clock.advance(Duration.ofHours(20));
        store.save(session("done-late", null, true, 3));
        db.flush();

        clock.advance(Duration.ofHours(5)); // done-early ended 25 h ago, done-late 5 h ago
        int deleted = store.purge(Duration.ofDays(1));

        assertThat(deleted).isEqualTo(1);
        assertThat(store.load(new CallId("done-early"))).isEmpty();
        assertThat(store.load(new CallId("done-late"))).isPresent();
        assertThat(store.load(new CallId("live"))).as("a live call keeps its session").isPresent();

        clock.advance(FlowSessionStore.UNTOUCHED.plusHours(1)); // a call whose end never reached the store
        assertThat(store.purge(Duration.ofDays(1))).as("done-late, and live untouched for a week").isEqualTo(2);
        assertThat(rows("flow_sessions")).isZero();
    }

    @Test
    void anotherStoreOverTheSameDatabaseLoadsTheLatestSaveAtOnce() {
        // given saves queued behind the store's writer (write-behind)
        FlowSessionStore first = new FlowSessionStore(db, clock);
        for (int v = 1; v <= 50; v++) {
            first.save(session("CA1", null, false, v));
        }
        FlowSession latest = session("CA1", null, true, 51);
        first.save(latest);

        // when a new store (as a restarted backend would) loads the call, then it gets the last save, not an older one
        assertThat(new FlowSessionStore(db, clock).load(new CallId("CA1"))).contains(latest);
    }

    @Test
    void anUnreadableSessionIsAStoreErrorNamingTheProblem() {
        db.inTransaction(c -> c.createStatement().executeUpdate(
                "INSERT INTO flow_sessions (call_id, flow, state, version, updated_at) VALUES ('CA9', 'support', '{\"node\": [', 1, 0)"));
        assertThrows(StoreException.class, () -> new FlowSessionStore(db, clock).load(new CallId("CA9")));
    }

    @Test
    void theCallRowFollowsTheMenuAndGivesTheScreenPopTrail() {
        long customer = customer();
        CallRecordRepository calls = new CallRecordRepository(db, clock);
        CallId id = new CallId("CA1");
        calls.started(id, Backend.TWILIO, "+37061234567", "+37052000000", "support");
        calls.started(id, Backend.TWILIO, "+37061234567", "+37052000000", "support");
        calls.update(session("CA1", customer, false, 1));
        calls.queued(id);
        clock.advance(Duration.ofSeconds(40));

        Views.MenuTrail trail = calls.menuTrail(id).orElseThrow();
        assertThat(trail).isEqualTo(new Views.MenuTrail("lt", List.of("identified by calling number",
                "pressed 1 (technical failure)"), true, false, "technical", 1, "line1", 40));

        calls.update(session("CA1", customer, true, 2));
        calls.rate(id, 4);
        calls.rate(id, 5);
        CallRecordRepository.CallRecord row = calls.find(id).orElseThrow();
        assertThat(row.outcome()).isEqualTo("self-served");
        assertThat(row.endedAtStep()).isEqualTo("goodbye");
        assertThat(row.endedAt()).contains(clock.instant());
        assertThat(row.customer().orElseThrow().value()).isEqualTo(customer);
        assertThat(calls.rating(id)).contains(5);
        assertThat(rows("calls")).isEqualTo(1);

        calls.delete(id);
        assertThat(calls.find(id)).isEmpty();
        assertThat(rows("ratings")).isZero();
    }

    @Test
    void aRatingOutsideOneToFiveIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CallRecordRepository(db, clock).rate(new CallId("x"), 6));
    }
}
