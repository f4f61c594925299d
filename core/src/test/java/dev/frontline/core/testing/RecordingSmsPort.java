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
    private final java.util.Map<String, RuntimeException> throwFor = new java.util.HashMap<>();

    @Override
    public synchronized SmsResult send(SmsRequest request) {
        sent.add(request);
        RuntimeException boom = throwFor.get(request.to());
        if (boom != null) throw boom;
        return new SmsResult(answer, "sms-" + sent.size(), answer == SmsResult.Status.SENT ? null : "refused by test");
    }

    /** From now on answer with {@code status} (e.g. RATE_LIMITED). */
    public synchronized void answer(SmsResult.Status status) {
        this.answer = status;
    }

    /** From now on a text to {@code number} is recorded and then throws {@code e} (a store that cannot log it). */
    public synchronized void throwFor(String number, RuntimeException e) {
        throwFor.put(number, e);
    }

    public synchronized List<SmsRequest> sent() {
        return List.copyOf(sent);
    }
}
