package dev.frontline.core.testing;

import dev.frontline.core.sms.SmsPort;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;

import java.util.ArrayList;
import java.util.List;

/** An {@link SmsPort} that accepts (or, when told, refuses) every text and remembers it. Thread-safe. */
public final class RecordingSmsPort implements SmsPort {
    private final List<SmsRequest> sent = new ArrayList<>();
    private SmsResult.Status answer = SmsResult.Status.SENT;

    @Override
    public synchronized SmsResult send(SmsRequest request) {
        sent.add(request);
        return new SmsResult(answer, "sms-" + sent.size(), answer == SmsResult.Status.SENT ? null : "refused by test");
    }

    /** From now on answer with {@code status} (e.g. RATE_LIMITED). */
    public synchronized void answer(SmsResult.Status status) {
        this.answer = status;
    }

    public synchronized List<SmsRequest> sent() {
        return List.copyOf(sent);
    }
}
