package dev.frontline.desktop.testing;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;

import java.time.Instant;
import java.util.List;

/** Realistic messages for tests. */
public final class Samples {
    private Samples() {}

    public static Views.CustomerCard customer() {
        return new Views.CustomerCard(7, "C-100234", "Jonas Petraitis", "+37061234567", List.of(), "jonas@example.lt",
                "Gedimino pr. 1, Vilnius", "Vilnius-Centre", "Fiber 300", List.of("Internet 300/300", "TV Basic"),
                "active", "lt");
    }

    public static ServerMessage.ScreenPop pop(String callId, Instant offeredAt, String ticketId) {
        return new ServerMessage.ScreenPop(callId, offeredAt, "+37061234567", customer(),
                new Views.MenuTrail("lt", List.of("language: Lithuanian", "pressed 1 (technical failure)",
                        "contract C-100234 recognised", "PIN verified"), true, true, "TECHNICAL", 1, "LINE1", 42),
                List.of(new Views.TicketSummary("T-0042", "No internet since morning", "LINE1", "open",
                        offeredAt.minusSeconds(86400), offeredAt.plusSeconds(3600))),
                List.of(new Views.Contact(offeredAt.minusSeconds(86400), "phone", "reported slow internet", "T-0042")),
                new Views.OutageInfo("Vilnius-Centre", "Fibre cut on Gedimino pr.", offeredAt.plusSeconds(7200)),
                ticketId);
    }

    public static ServerMessage.Welcome welcome(String login, OperatorState state, Instant since) {
        return new ServerMessage.Welcome(1, login, "Name of " + login, "operator", state, null, since, null, since, null, null);
    }

    public static Views.QueueStats queue(String tier, int waiting, long longest, double sl, boolean breached) {
        return new Views.QueueStats("technical", tier, waiting, longest, longest / 2, sl, 30, 12, 240, 3.5, 2, breached);
    }

    public static Views.OperatorRow operator(String login, OperatorState state, Instant since) {
        return new Views.OperatorRow(login, "Op " + login, state, null, since, List.of("technical"), List.of("en"), null);
    }
}
