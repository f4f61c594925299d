package dev.frontline.server.sms;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;

/** For the demo and the simulated line: nothing is sent, the log says so and the message is marked simulated. */
public final class LogOnlySmsSender implements SmsSender {
    private static final Logger LOG = LoggerFactory.getLogger(LogOnlySmsSender.class);
    private final AtomicLong seq = new AtomicLong();

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
        return new SendOutcome.Accepted(sid, "simulated");
    }
}
