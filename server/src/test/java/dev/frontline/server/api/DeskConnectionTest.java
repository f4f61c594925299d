package dev.frontline.server.api;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.operator.Operator;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** A desk that connects while events flow gets its Welcome first and every event after it, none lost. */
class DeskConnectionTest {
    private final List<String> written = new CopyOnWriteArrayList<>();
    private boolean closed;
    private final DeskConnection.Wire wire = new DeskConnection.Wire() {
        @Override public String id() { return "ws-1"; }
        @Override public void send(String text) { written.add(text); }
        @Override public void close(int status, String reason) { closed = true; }
        @Override public boolean isOpen() { return !closed; }
    };
    private final DeskSession anna = new DeskSession("t1", new Operator(new OperatorId("anna"), "Anna",
            Operator.Role.OPERATOR, Set.of(Tier.LINE1), Set.of(Intent.TECHNICAL), Set.of(Language.EN), "sim:anna",
            Optional.empty(), true), Instant.parse("2030-01-01T00:00:00Z"));

    @Test
    void whatComesBeforeTheWelcomeIsWrittenAfterItInOrder() {
        DeskConnection c = new DeskConnection(anna, wire, Runnable::run);
        c.send("{\"type\":\"screen-pop\",\"callId\":\"c1\"}"); // an offer made while the Welcome is being made
        c.send("{\"type\":\"state\",\"state\":\"RINGING\"}");
        assertThat(written).isEmpty();

        c.open("{\"type\":\"welcome\"}");
        c.send("{\"type\":\"call-connected\",\"callId\":\"c1\"}");

        assertThat(written).containsExactly("{\"type\":\"welcome\"}", "{\"type\":\"screen-pop\",\"callId\":\"c1\"}",
                "{\"type\":\"state\",\"state\":\"RINGING\"}", "{\"type\":\"call-connected\",\"callId\":\"c1\"}");
    }

    @Test
    void aConnectionNeverOpenedIsClosedRatherThanHoldingEventsForever() {
        DeskConnection c = new DeskConnection(anna, wire, Runnable::run);
        for (int i = 0; i <= DeskConnection.MAX_BACKLOG; i++) {
            c.send("{\"n\":" + i + "}");
        }
        assertThat(closed).isTrue();
        assertThat(written).isEmpty();
    }
}
