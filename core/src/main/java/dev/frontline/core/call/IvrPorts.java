package dev.frontline.core.call;

import dev.frontline.core.acd.CallQueue;
import dev.frontline.core.customer.CustomerRepository;
import dev.frontline.core.customer.OutageRepository;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.customer.PinVerifier;
import dev.frontline.core.desk.DeskHours;
import dev.frontline.core.sms.SmsPort;

import java.time.Clock;
import java.util.Objects;

/** The world the voice menu acts on: customers, PINs, outages, SMS, the ACD, the desk's hours, phone numbers, time. */
public record IvrPorts(CustomerRepository customers, PinVerifier pins, OutageRepository outages, SmsPort sms, CallQueue acd,
                       DeskHours hours, PhoneNumbers phones, Clock clock,
                       java.util.function.BiPredicate<dev.frontline.core.common.Tier, dev.frontline.core.common.Intent> recorded) {
    /** Ports of a desk that records no conversation. */
    public IvrPorts(CustomerRepository customers, PinVerifier pins, OutageRepository outages, SmsPort sms, CallQueue acd,
                    DeskHours hours, PhoneNumbers phones, Clock clock) {
        this(customers, pins, outages, sms, acd, hours, phones, clock, (line, queue) -> false);
    }

    public IvrPorts {
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(customers, "customers");
        Objects.requireNonNull(pins, "pins");
        Objects.requireNonNull(outages, "outages");
        Objects.requireNonNull(sms, "sms");
        Objects.requireNonNull(acd, "acd");
        Objects.requireNonNull(hours, "hours");
        Objects.requireNonNull(phones, "phones");
        Objects.requireNonNull(clock, "clock");
    }
}
