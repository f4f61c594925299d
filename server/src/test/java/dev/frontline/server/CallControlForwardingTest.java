package dev.frontline.server;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.server.api.DeskEvents;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connectors between the ACD and a backend (screen-pop first, the backend router, the late-bound switch) pass
 * hold, resume, mute and whether a call can be transferred (ADR 0147) to the backend. Seen on the real PBX: the screen-pop wrapper answered "hold is not available
 * on this call's line" for every call, since CallConnector's defaults say no and the wrapper did not forward them.
 */
class CallControlForwardingTest {
    private static final CallId CALL = new CallId("c-1");
    private static final OperatorId ANNA = new OperatorId("anna");

    /** A backend that can hold and mute, and records what reached it. */
    static final class Backend1 implements CallConnector {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Override
        public void connect(CallId callId, OperatorId operator, String endpoint) {
        }

        @Override
        public void originateCallback(String attemptId, OperatorId operator, String endpoint, String number, String callerId) {
        }

        @Override
        public boolean canHold(CallId callId) {
            seen.add("canHold " + callId.value());
            return true;
        }

        /** Says no: a wrapper that does not ask answers the default (yes) and the ACD would move a call it cannot. */
        @Override
        public boolean canTransfer(CallId callId) {
            seen.add("canTransfer " + callId.value());
            return false;
        }

        @Override
        public void hold(CallId callId, OperatorId operator, boolean on) {
            seen.add("hold " + callId.value() + " " + operator.value() + " " + on);
        }

        @Override
        public void mute(CallId callId, OperatorId operator, boolean on) {
            seen.add("mute " + callId.value() + " " + operator.value() + " " + on);
        }

        @Override
        public void spy(CallId callId, OperatorId operator, String supervisorEndpoint,
                        dev.frontline.core.common.SpyMode mode) {
            seen.add("spy " + callId.value() + " " + operator.value() + " " + supervisorEndpoint + " " + mode);
        }

        @Override
        public void stopSpy(CallId callId, OperatorId operator, String supervisorEndpoint) {
            seen.add("stopSpy " + callId.value() + " " + operator.value() + " " + supervisorEndpoint);
        }
    }

    private static void assertForwards(UnaryOperator<CallConnector> wrap) {
        Backend1 backend = new Backend1();
        CallConnector wrapped = wrap.apply(backend);
        assertThat(wrapped.canTransfer(CALL)).isFalse();
        assertThat(wrapped.canHold(CALL)).isTrue();
        wrapped.hold(CALL, ANNA, true);
        wrapped.hold(CALL, ANNA, false);
        wrapped.mute(CALL, ANNA, true);
        wrapped.spy(CALL, ANNA, "sim:sue", dev.frontline.core.common.SpyMode.WHISPER);
        wrapped.stopSpy(CALL, ANNA, "sim:sue");
        assertThat(backend.seen).containsExactly("canTransfer c-1", "canHold c-1", "hold c-1 anna true", "hold c-1 anna false",
                "mute c-1 anna true", "spy c-1 anna sim:sue WHISPER", "stopSpy c-1 anna sim:sue");
    }

    @Test
    void theScreenPopWrapperForwardsHoldAndMute() {
        DeskEvents events = new DeskEvents(null, null, null, null, null, Clock.systemUTC(), Duration.ofSeconds(30));
        try {
            assertForwards(events::screenPopFirst);
        } finally {
            events.close();
        }
    }

    @Test
    void theBackendRouterForwardsHoldAndMuteToTheCallsBackend() {
        assertForwards(backend -> {
            BackendRouter router = new BackendRouter(Map.of(Backend.SIM, backend), Backend.SIM);
            Instant now = Instant.parse("2026-12-06T10:00:00Z");
            router.accept(new AcdEvent.CallQueued(CALL, new QueuedCall(CALL, Intent.TECHNICAL, 1, Tier.LINE1,
                    Language.EN, Optional.empty(), "+37061111111", Backend.SIM, now), now));
            return router;
        });
    }

    /** A callback call (its id is the attempt id) is muted on the backend of the operator's phone, until it fails. */
    @Test
    void theBackendRouterForwardsMuteOfACallbackCallToTheBackendThatPlacedIt() {
        Backend1 sim = new Backend1();
        Backend1 twilio = new Backend1();
        BackendRouter router = new BackendRouter(Map.of(Backend.SIM, sim, Backend.TWILIO, twilio), Backend.SIM);
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        router.accept(new AcdEvent.CallbackOffered(new dev.frontline.core.common.CallbackId(7), ANNA, "cb-7-1", 1,
                "client:anna", "+37061111111", now));

        router.mute(new CallId("cb-7-1"), ANNA, true);

        assertThat(twilio.seen).containsExactly("mute cb-7-1 anna true");
        assertThat(sim.seen).isEmpty();
        router.accept(new AcdEvent.CallbackAttemptFailed(new dev.frontline.core.common.CallbackId(7), "cb-7-1", ANNA,
                1, dev.frontline.core.acd.CallbackOutcome.CUSTOMER_BUSY, "busy", Optional.empty(), now));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> router.mute(new CallId("cb-7-1"), ANNA, true));
    }

    @Test
    void theLateBoundSwitchForwardsHoldAndMute() throws Exception {
        Class<?> type = Class.forName("dev.frontline.server.FrontlineServer$ConnectorSwitch");
        var ctor = type.getDeclaredConstructor();
        ctor.setAccessible(true);
        Object sw = ctor.newInstance();
        var target = type.getDeclaredField("target");
        target.setAccessible(true);
        assertForwards(backend -> {
            try {
                target.set(sw, backend);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
            return (CallConnector) sw;
        });
    }
}
