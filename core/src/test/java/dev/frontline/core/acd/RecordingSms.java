package dev.frontline.core.acd;

import dev.frontline.core.sms.SmsPort;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link SmsPort} that accepts and records every message. Thread-safe. */
public final class RecordingSms implements SmsPort {
    public final List<SmsRequest> sent = new CopyOnWriteArrayList<>();

    @Override
    public SmsResult send(SmsRequest request) {
        sent.add(request);
        return new SmsResult(SmsResult.Status.SENT, "sms-" + sent.size(), "");
    }
}
