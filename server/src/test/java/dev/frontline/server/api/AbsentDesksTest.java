package dev.frontline.server.api;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.server.testing.ApiOnDiskTest;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator who logs out, or whose desktop stays away for {@link AbsentDesks#GRACE}, is not left Ready: calls
 * would ring an empty desk and the wallboard would count a ghost. One who reconnects in time, or is on a call, stays.
 */
class AbsentDesksTest extends ApiOnDiskTest {

    private DeskClient.Socket ready(String login) throws Exception {
        DeskClient.Socket s = server.client.connect(server.client.login(login, "secret"));
        s.reply(s.send(new ClientMessage.SetState(s.nextId(), OperatorState.READY, "")));
        return s;
    }

    private static void eventually(String what, Callable<Boolean> condition) throws Exception {
        for (int i = 0; i < 300; i++) { // the sweeper runs every second; 30 s for a loaded machine (5 s failed once)
            if (condition.call()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 30 s: " + what);
    }

    @Test
    void aDesktopClosedWithoutLoggingOutTakesItsReadyOperatorOfflineAfterTheGrace() throws Exception {
        start();
        DeskClient.Socket anna = ready("anna");
        DeskClient.Socket boris = ready("boris");

        anna.close(); // the window closed, or the PC switched off
        boris.close(); // a network drop: back within the grace
        eventually("the server saw both go", () -> !server.api.hub().isConnected("anna")
                && !server.api.hub().isConnected("boris")); // before the clock moves: the grace runs from then
        server.client.connect(server.client.login("boris", "secret"));
        clock.advance(AbsentDesks.GRACE.minusSeconds(1));
        Thread.sleep(1500);
        assertThat(server.acd.stateOf("anna")).as("within the grace").isEqualTo(OperatorState.READY);

        clock.advance(Duration.ofSeconds(1));
        eventually("anna offline", () -> server.acd.stateOf("anna") == OperatorState.OFFLINE);
        assertThat(server.acd.stateOf("boris")).isEqualTo(OperatorState.READY);
    }

    @Test
    void loggingOutTakesTheOperatorOfflineAtOnceAndACallIsFinishedFirst() throws Exception {
        start();
        ready("anna");
        server.client.post("/api/logout", server.client.login("anna", "secret"), "");
        eventually("anna offline on logout", () -> server.acd.stateOf("anna") == OperatorState.OFFLINE);

        DeskClient.Socket boris = ready("boris");
        server.acd.setOperatorState(new dev.frontline.core.common.OperatorId("boris"), OperatorState.WRAP_UP, null);
        eventually("boris in wrap-up", () -> server.acd.stateOf("boris") == OperatorState.WRAP_UP);
        boris.close(); // writing up the call on paper, desktop closed: the ACD ends wrap-up as it would anyway
        eventually("the server saw boris go", () -> !server.api.hub().isConnected("boris"));
        clock.advance(AbsentDesks.GRACE.plusSeconds(1));
        Thread.sleep(1500);
        assertThat(server.acd.stateOf("boris")).isEqualTo(OperatorState.WRAP_UP);

        server.acd.endWrapUp(new dev.frontline.core.common.OperatorId("boris")); // wrap-up over: Ready, no desktop
        eventually("boris offline once the call is over", () -> server.acd.stateOf("boris") == OperatorState.OFFLINE);
    }

    @Test
    void afterARestartAnOperatorRestoredIdleMustHaveItsDesktopBackWithinTheGrace() throws Exception {
        DesktopHub hub = new DesktopHub();
        LiveDesks desks = new LiveDesks();
        try (dev.frontline.server.testing.FakeAcd acd = new dev.frontline.server.testing.FakeAcd(clock)) {
            AbsentDesks absent = new AbsentDesks(hub, desks, acd, clock);
            for (String[] op : new String[][] {{"anna", "READY"}, {"boris", "TALKING"}, {"carl", "MISSED"}, {"dana", "OFFLINE"}}) {
                desks.seed(op[0], OperatorState.valueOf(op[1]), null, clock.instant());
                absent.expect(op[0], OperatorState.valueOf(op[1]));
            }
            absent.back("carl"); // carl's desktop reconnected

            assertThat(absent.sweep()).isEmpty();
            clock.advance(AbsentDesks.GRACE);
            assertThat(absent.sweep()).containsExactly("anna");
            assertThat(acd.stateOf("anna")).isEqualTo(OperatorState.OFFLINE);
        }
    }
}
