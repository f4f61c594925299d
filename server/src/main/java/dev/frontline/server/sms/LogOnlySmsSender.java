package dev.frontline.server.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/** For the demo and the simulated line: nothing is sent, the log says so and the message is marked simulated. */
public final class LogOnlySmsSender implements SmsSender {
    private static final Logger LOG = LoggerFactory.getLogger(LogOnlySmsSender.class);
    private final AtomicLong seq = new AtomicLong();
    private final BiConsumer<String, String> delivered;

    public LogOnlySmsSender() {
        this((to, body) -> { });
    }

    /** @param delivered told of every text "sent" (to, body): the demo shows it on the test phone of that number */
    public LogOnlySmsSender(BiConsumer<String, String> delivered) {
        this.delivered = delivered;
    }

    @Override
    public String fromNumber() {
        return "";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public SendOutcome send(String to, String body) {
        String sid = "SIM" + seq.incrementAndGet();
        LOG.info("SMS simulated, not sent to a phone (sms.provider: log): to {} ({} chars) as {}", to, body.length(), sid);
        delivered.accept(to, body);
        return new SendOutcome.Accepted(sid, "simulated");
    }
}
