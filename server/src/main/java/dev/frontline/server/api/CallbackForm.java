package dev.frontline.server.api;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.CustomerRepository;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.desk.DeskHours;
import dev.frontline.core.sms.SmsPort;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The web callback request: validates every field (all wrong ones are named), opens a ticket, asks the ACD for a
 * callback that keeps the request's place, and after hours texts the on-duty consultant about technical failures.
 * Rate limits are the caller's (the HTTP route's) job. Thread-safe.
 */
public final class CallbackForm {
    private static final Logger log = LoggerFactory.getLogger(CallbackForm.class);
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 2000;

    private final Acd acd;
    private final TicketDesk tickets;
    private final CustomerRepository customers;
    private final PhoneNumbers phones;
    private final DeskHours hours;
    private final Optional<String> onDutyMobile;
    private final SmsPort sms;
    private final Clock clock;

    public CallbackForm(Acd acd, TicketDesk tickets, CustomerRepository customers, PhoneNumbers phones,
                        DeskHours hours, Optional<String> onDutyMobile, SmsPort sms, Clock clock) {
        this.acd = acd;
        this.tickets = tickets;
        this.customers = customers;
        this.phones = phones;
        this.hours = hours;
        this.onDutyMobile = onDutyMobile;
        this.sms = sms;
        this.clock = clock;
    }

    /** A request that passed validation: phone in E.164, intent from the category. */
    record Valid(String name, String phone, Optional<String> contract, Intent intent, String text) {}

    /** @throws ApiException 400 naming every wrong field (the first one in {@code field}) */
    Valid validate(Views.CallbackFormRequest r) {
        if (r == null) {
            throw ApiException.invalid("name", "is required");
        }
        List<Views.FieldError> problems = new ArrayList<>();
        String name = trim(r.name());
        if (name.isEmpty()) {
            problems.add(new Views.FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            problems.add(new Views.FieldError("name", "must be at most " + MAX_NAME + " characters"));
        }
        String phoneRaw = trim(r.phone());
        Optional<String> phone = Optional.empty();
        if (phoneRaw.isEmpty()) {
            problems.add(new Views.FieldError("phone", "is required"));
        } else {
            phone = phones.toE164(phoneRaw);
            if (phone.isEmpty()) {
                problems.add(new Views.FieldError("phone",
                        "is not a valid phone number: '" + phoneRaw + "' (write it as +370 612 34567)"));
            }
        }
        String contract = trim(r.contract());
        if (contract.length() > 64) {
            problems.add(new Views.FieldError("contract", "must be at most 64 characters"));
        }
        String category = trim(r.category()).toLowerCase(Locale.ROOT);
        Intent intent = switch (category) {
            case "technical" -> Intent.TECHNICAL;
            case "sales" -> Intent.SALES;
            case "general" -> Intent.GENERAL;
            default -> null;
        };
        if (intent == null) {
            problems.add(new Views.FieldError("category", category.isEmpty() ? "is required (technical, sales or general)"
                    : "must be technical, sales or general, not '" + r.category() + "'"));
        }
        String text = trim(r.text());
        if (text.isEmpty()) {
            problems.add(new Views.FieldError("text", "is required: describe the problem in a few words"));
        } else if (text.length() > MAX_TEXT) {
            problems.add(new Views.FieldError("text", "must be at most " + MAX_TEXT + " characters"));
        }
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return new Valid(name, phone.orElseThrow(), contract.isEmpty() ? Optional.empty() : Optional.of(contract), intent, text);
    }

    /** Opens the ticket and requests the callback; returns the ticket id. */
    Views.CallbackFormResponse submit(Valid v) {
        Instant now = clock.instant();
        Optional<Customer> customer = v.contract().flatMap(customers::findByContract)
                .or(() -> customers.findByPhone(v.phone()));
        Optional<CustomerId> customerId = customer.map(Customer::id);
        String category = v.intent().name().toLowerCase(Locale.ROOT);
        String subject = "Web callback (" + category + "): " + (v.text().length() > 60
                ? v.text().substring(0, 57) + "..." : v.text());
        String ticket = tickets.create(customerId, Optional.empty(), subject, Tier.LINE1, "web-form");
        tickets.addNote(ticket, "web-form", v.name() + " (" + v.phone()
                + v.contract().map(c -> ", contract " + c).orElse("") + "): " + v.text());
        acd.requestCallback(new CallbackRequest(Optional.empty(), customerId, v.phone(), v.intent(),
                v.intent().defaultPriority(), Tier.LINE1, customer.map(Customer::language).orElse(Language.EN), now,
                Optional.empty(), Optional.empty(), "web form: " + category + " (ticket " + ticket + ")"));
        boolean open = hours.isOpen(now);
        if (v.intent() == Intent.TECHNICAL && !open) {
            alertOnDuty(v, ticket, customerId);
        }
        return new Views.CallbackFormResponse(ticket, open
                ? "Thank you. We will call you back on " + v.phone() + " as soon as an operator is free."
                : "Thank you. We are closed now and will call you back on " + v.phone() + " when we open.");
    }

    private void alertOnDuty(Valid v, String ticket, Optional<CustomerId> customer) {
        if (onDutyMobile.isEmpty()) {
            log.warn("technical web request {} after hours, but desk.on-duty-mobile is not set", ticket);
            return;
        }
        String body = "Frontline: technical failure reported after hours, ticket " + ticket + ", call back "
                + v.phone() + ". " + (v.text().length() > 80 ? v.text().substring(0, 77) + "..." : v.text());
        SmsResult r = sms.send(new SmsRequest(onDutyMobile.get(), body, false, customer, "on-duty-alert"));
        if (!r.accepted()) {
            log.warn("on-duty alert for {} not sent: {} {}", ticket, r.status(), r.detail());
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
