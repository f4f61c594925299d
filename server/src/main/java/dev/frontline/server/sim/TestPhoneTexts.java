package dev.frontline.server.sim;

import dev.frontline.core.api.ServerMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The demo's handsets: a text the demo "sends" (nothing leaves the machine) to a number a test phone last called
 * from shows on that test phone, so trying "4 contract number, 1 by text" ends with the text in hand. Only the test
 * phone of that number gets it, as only the mobile on file would; the demo desk only (see {@code FrontlineServer}).
 */
public final class TestPhoneTexts {
    private static final Logger LOG = LoggerFactory.getLogger(TestPhoneTexts.class);
    /** Numbers remembered at most; a test phone calls from a handful. */
    static final int MAX_NUMBERS = 1_000;

    private final Clock clock;
    private final Map<String, Consumer<ServerMessage>> phones = new ConcurrentHashMap<>();

    public TestPhoneTexts(Clock clock) {
        this.clock = clock;
    }

    /** A test phone called from {@code number}; its texts go to {@code phone} (that login's desktops) from now on. */
    void dialled(String number, Consumer<ServerMessage> phone) {
        if (phones.size() >= MAX_NUMBERS) {
            phones.clear();
        }
        phones.put(number, phone);
    }

    /** A simulated text to {@code to}: shown on the test phone that last called from that number, if any. */
    public void deliver(String to, String body) {
        Consumer<ServerMessage> phone = phones.get(to);
        if (phone != null) {
            phone.accept(new ServerMessage.PhoneText(to, body, clock.instant()));
            LOG.debug("text to {} shown on its test phone", to);
        }
    }
}
