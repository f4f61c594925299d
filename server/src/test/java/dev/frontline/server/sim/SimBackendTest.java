package dev.frontline.server.sim;

import dev.frontline.core.call.Await;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.call.CallStart;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import dev.frontline.server.testing.RecordingBackendAcd;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The simulated line's operator phones: the screen-pop reaches a desktop before its phone rings. */
class SimBackendTest {
    private final RecordingBackendAcd acd = new RecordingBackendAcd();
    private final SimBackend sim = new SimBackend(new QueueingHandler(), acd, SimConfig.defaults());

    @AfterEach
    void close() {
        sim.close();
    }

    /** Issue 23: the ACD withdrew the attempt (its caller is back): the ringing phone stops, nothing is reported. */
    @Test
    void aWithdrawnCallbackStopsRingingAndItsAnswerFindsNoCall() {
        sim.originateCallback("cb-3-1", new OperatorId("anna"), "sim:anna", "+37060000001", "+37052000000");
        assertThat(sim.carries(new CallId("cb-3-1"))).isTrue();

        sim.cancelCallback("cb-3-1", new OperatorId("anna"));

        assertThat(sim.carries(new CallId("cb-3-1"))).isFalse();
        assertThrows(IllegalStateException.class, () -> sim.answer(new CallId("cb-3-1"), new OperatorId("anna")));
        assertThat(acd.commands).noneMatch(c -> c.contains("cb-3-1"));
    }

    @Test
    void anAnswerFromTheScreenPopBeforeTheRingConnectsWhenTheRingArrives() {
        CallId call = new CallId(sim.dial("+37060000001", "", "support", turn -> { }).callId());

        sim.answer(call, new OperatorId("anna"));
        assertThat(acd.commands).doesNotContain("operatorAnswered " + call);
        sim.connect(call, new OperatorId("anna"), "sim:anna");

        assertThat(acd.commands).contains("operatorAnswered " + call);
    }

    @Test
    void theLine2OperatorMayAnswerATransferredCallBeforeItsPhoneRings() {
        CallId call = new CallId(sim.dial("+37060000001", "", "support", turn -> { }).callId());
        sim.connect(call, new OperatorId("anna"), "sim:anna");
        sim.answer(call, new OperatorId("anna"));
        acd.commands.clear();

        // anna transferred the call to line 2: piotr's screen-pop came first, he clicks Answer before the ring
        sim.answer(call, new OperatorId("piotr"));
        sim.connect(call, new OperatorId("piotr"), "sim:piotr");

        assertThat(acd.commands).containsExactly("operatorAnswered " + call);
    }

    @Test
    void nobodyElseCanAnswerACallThatIsRingingAnotherOperator() {
        CallId call = new CallId(sim.dial("+37060000001", "", "support", turn -> { }).callId());
        sim.connect(call, new OperatorId("anna"), "sim:anna");

        assertThrows(IllegalStateException.class, () -> sim.answer(call, new OperatorId("piotr")));
    }

    /**
     * Seen in the demo: the ACD's ring timeout (15 s) ran out before the sim phone's (20 s), the ACD offered the call
     * to a simulated operator, and the line refused to ring it ("ring ... in phase RINGING"): that operator was marked
     * Missed when the first phone stopped ringing, and the caller waited another round.
     */
    @Test
    void aCallTheAcdOffersToAnotherOperatorWhileRingingRingsThatOneInstead() {
        CallId call = new CallId(sim.dial("+37060000001", "", "support", turn -> { }).callId());
        sim.connect(call, new OperatorId("anna"), "sim:anna");

        sim.connect(call, new OperatorId("dmitri"), "sim:dmitri");
        assertThrows(IllegalStateException.class, () -> sim.answer(call, new OperatorId("anna")));
        sim.answer(call, new OperatorId("dmitri"));

        assertThat(acd.commands).containsExactly("operatorAnswered " + call);
    }

    /** Every call goes straight to the queue. */
    private static final class QueueingHandler implements CallHandler {
        @Override
        public Turn start(CallStart start) {
            return new Turn(start.callId(), List.of(),
                    new Await.WaitInQueue(1, Duration.ofMinutes(1), Duration.ofMinutes(10)));
        }

        @Override
        public Turn resume(CallId callId, CallerInput input) {
            return Turn.hangUp(callId);
        }
    }
}
