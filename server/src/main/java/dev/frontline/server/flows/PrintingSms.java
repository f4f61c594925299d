package dev.frontline.server.flows;

import dev.frontline.core.sms.SmsPort;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;

/** The dry run's SMS port: prints what would be sent (secret bodies redacted) and sends nothing. */
final class PrintingSms implements SmsPort {
    private final SimulationPrinter printer;
    private int n;

    PrintingSms(SimulationPrinter printer) {
        this.printer = printer;
    }

    @Override
    public synchronized SmsResult send(SmsRequest r) {
        String body = r.secret() ? "[secret " + r.purpose() + ", " + r.body().length() + " chars, redacted]" : r.body();
        printer.print("SMS", r.to() + " \"" + body + "\" (" + r.purpose() + ")", "to", r.to(), "body", body,
                "secret", r.secret(), "purpose", r.purpose());
        return new SmsResult(SmsResult.Status.SENT, "sim-sms-" + (++n), "dry run: not sent");
    }
}
