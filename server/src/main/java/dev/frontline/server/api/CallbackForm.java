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
 * The web callback request: validates every field (all wrong ones are named; the number must be one the desk calls,
 * see {@link dev.frontline.core.customer.CallableNumbers}), then opens a ticket with the visitor's note and asks the
 * ACD for a callback that keeps the request's place, all in one transaction (the ticket is a joint write of the
 * callback's event: both or neither), and after hours texts the on-duty consultant about technical failures. Rate
 * limits are the caller's (the HTTP route's) job. Thread-safe.
 */
public final class CallbackForm {
    private static final Logger log = LoggerFactory.getLogger(CallbackForm.class);
    static final int MAX_NAME = 200;
    static final int MAX_TEXT = 2000;

    private final Acd acd;
    private final TicketDesk tickets;
    private final CustomerRepository customers;
    private final PhoneNumbers phones;
    private final dev.frontline.core.customer.CallableNumbers callable;
    private final DeskHours hours;
    private final java.util.function.Supplier<Optional<String>> onDutyMobile;
    private final SmsPort sms;
    private final Clock clock;

    /** @param callable the numbers a web request may make the desk call (types, countries, not the desk's own) */
    public CallbackForm(Acd acd, TicketDesk tickets, CustomerRepository customers, PhoneNumbers phones,
                        dev.frontline.core.customer.CallableNumbers callable, DeskHours hours,
                        Optional<String> onDutyMobile, SmsPort sms, Clock clock) {
        this(acd, tickets, customers, phones, callable, hours, () -> onDutyMobile, sms, clock);
    }

    /** @param onDutyMobile read at every alert: the stored rota may gain its first consultant while the server runs */
    public CallbackForm(Acd acd, TicketDesk tickets, CustomerRepository customers, PhoneNumbers phones,
                        dev.frontline.core.customer.CallableNumbers callable, DeskHours hours,
                        java.util.function.Supplier<Optional<String>> onDutyMobile, SmsPort sms, Clock clock) {
        this.callable = callable;
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
    record Valid(String name, String phone, Optional<String> contract, Intent intent, String text, When when) {}

    /** When the caller asked to be called: a window on the desk's clock (none for as soon as possible). */
    enum When {
        ASAP("asap", null, null), EVENING("evening", java.time.LocalTime.of(17, 0), java.time.LocalTime.of(20, 0)),
        TOMORROW_MORNING("tomorrow-morning", java.time.LocalTime.of(9, 0), java.time.LocalTime.of(12, 0)),
        TOMORROW_AFTERNOON("tomorrow-afternoon", java.time.LocalTime.of(13, 0), java.time.LocalTime.of(17, 0));

        final String code;
        final java.time.LocalTime from;
        final java.time.LocalTime to;

        When(String code, java.time.LocalTime from, java.time.LocalTime to) {
            this.code = code;
            this.from = from;
            this.to = to;
        }

        static When of(String code) {
            String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
            if (c.isEmpty()) return ASAP;
            for (When w : values()) if (w.code.equals(c)) return w;
            return null;
        }

        /** The window from {@code now} in {@code zone}: today's evening, or tomorrow's morning or afternoon. */
        Optional<Instant[]> window(Instant now, java.time.ZoneId zone) {
            if (from == null) return Optional.empty();
            java.time.LocalDate day = now.atZone(zone).toLocalDate().plusDays(this == EVENING ? 0 : 1);
            Instant start = day.atTime(from).atZone(zone).toInstant();
            Instant end = day.atTime(to).atZone(zone).toInstant();
            return Optional.of(new Instant[] {start.isBefore(now) ? now : start, end});
        }
    }

    /** A wrong field: {@code code} names the rule ({@code err.<code>} in {@code callback_form*.properties}). */
    record Problem(String field, String code, Object arg) {}

    /** @throws ApiException 400 naming every wrong field in English (the first one in {@code field}) */
    Valid validate(Views.CallbackFormRequest r) {
        List<Problem> problems = check(r);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems.stream()
                    .map(p -> new Views.FieldError(p.field(), CallbackFormPage.english(p))).toList());
        }
        return valid(r);
    }

    /** Every wrong field of {@code r}, in form order (none: {@link #validate} passes). */
    List<Problem> check(Views.CallbackFormRequest r) {
        if (r == null) {
            return List.of(new Problem("name", "required", null));
        }
        List<Problem> problems = new ArrayList<>();
        String name = trim(r.name());
        if (name.isEmpty()) {
            problems.add(new Problem("name", "required", null));
        } else if (name.length() > MAX_NAME) {
            problems.add(new Problem("name", "too-long", MAX_NAME));
        }
        String phoneRaw = trim(r.phone());
        if (phoneRaw.isEmpty()) {
            problems.add(new Problem("phone", "required", null));
        } else if (phones.toE164(phoneRaw).isEmpty()) {
            problems.add(new Problem("phone", "phone-invalid", phoneRaw));
        } else {
            callable.check(phones.toE164(phoneRaw).get()) // premium, satellite, abroad, our own: toll fraud (item 7)
                    .ifPresent(no -> problems.add(new Problem("phone", no.code(), no.detail())));
        }
        if (trim(r.contract()).length() > 64) {
            problems.add(new Problem("contract", "too-long", 64));
        }
        String category = trim(r.category());
        if (intent(category) == null) {
            problems.add(category.isEmpty() ? new Problem("category", "category-required", null)
                    : new Problem("category", "category-unknown", r.category()));
        }
        When when = When.of(r.when());
        if (when == null) {
            problems.add(new Problem("when", "when-unknown", r.when()));
        } else if (when.window(clock.instant(), hours.zone()).map(w -> !w[1].isAfter(clock.instant())).orElse(false)) {
            problems.add(new Problem("when", "when-past", null)); // "this evening" after 20:00
        }
        String text = trim(r.text());
        if (text.isEmpty()) {
            problems.add(new Problem("text", "text-required", null));
        } else if (text.length() > MAX_TEXT) {
            problems.add(new Problem("text", "too-long", MAX_TEXT));
        }
        return problems;
    }

    private Valid valid(Views.CallbackFormRequest r) {
        String contract = trim(r.contract());
        return new Valid(trim(r.name()), phones.toE164(trim(r.phone())).orElseThrow(),
                contract.isEmpty() ? Optional.empty() : Optional.of(contract), intent(trim(r.category())), trim(r.text()),
                When.of(r.when()));
    }

    private static Intent intent(String category) {
        return switch (category.toLowerCase(Locale.ROOT)) {
            case "technical" -> Intent.TECHNICAL;
            case "sales" -> Intent.SALES;
            case "general" -> Intent.GENERAL;
            default -> null;
        };
    }

    /** What {@link #submit} did: the ticket, the number we call, whether the desk is open now. */
    record Submitted(String ticketId, String phone, boolean open, When when, Optional<Instant> from) {
        /** The JSON API's answer (English). */
        Views.CallbackFormResponse response() {
            if (when != When.ASAP && from.isPresent()) {
                return new Views.CallbackFormResponse(ticketId, "Thank you. We will call you back on " + phone
                        + " from " + from.get() + " (" + when.code + ").");
            }
            return new Views.CallbackFormResponse(ticketId, open
                    ? "Thank you. We will call you back on " + phone + " as soon as an operator is free."
                    : "Thank you. We are closed now and will call you back on " + phone + " when we open.");
        }
    }

    /**
     * Opens the ticket and requests the callback, in the customer's language when the number or contract is known,
     * else in {@code spoken} (the form's).
     */
    Submitted submit(Valid v, Language spoken) {
        Instant now = clock.instant();
        Optional<Customer> customer = v.contract().flatMap(customers::findByContract)
                .or(() -> customers.findByPhone(v.phone()));
        Optional<CustomerId> customerId = customer.map(Customer::id);
        String category = v.intent().name().toLowerCase(Locale.ROOT);
        String subject = "Web callback (" + category + "): " + (v.text().length() > 60
                ? v.text().substring(0, 57) + "..." : v.text());
        // ticket, note and callback commit in one transaction, or none of them (issue 20 item 3)
        TicketDesk.Prepared prepared = tickets.prepare(customerId, subject, v.intent(), Tier.LINE1, "web-form", v.name() + " ("
                + v.phone() + v.contract().map(c -> ", contract " + c).orElse("") + "): " + v.text());
        String ticket = prepared.ticketId();
        Optional<Instant[]> window = v.when().window(now, hours.zone());
        acd.requestCallback(new CallbackRequest(Optional.empty(), customerId, v.phone(), v.intent(),
                v.intent().defaultPriority(), Tier.LINE1, customer.map(Customer::language).orElse(spoken), now,
                window.map(w -> w[0]), window.map(w -> w[1]),
                FormPostLimits.WEB_CALLBACK + category + " (ticket " + ticket + ")"), prepared.write());
        boolean open = hours.isOpen(now);
        if (v.intent() == Intent.TECHNICAL && !open) {
            alertOnDuty(v, ticket, customerId);
        }
        return new Submitted(ticket, v.phone(), open, v.when(), window.map(w -> w[0]));
    }

    private void alertOnDuty(Valid v, String ticket, Optional<CustomerId> customer) {
        Optional<String> onDuty = onDutyMobile.get();
        if (onDuty.isEmpty()) {
            log.warn("technical web request {} after hours, but the on-duty rota lists no one", ticket);
            return;
        }
        String body = "Frontline: technical failure reported after hours, ticket " + ticket + ", call back "
                + v.phone() + ". " + (v.text().length() > 80 ? v.text().substring(0, 77) + "..." : v.text());
        SmsResult r = sms.send(new SmsRequest(onDuty.get(), body, false, customer, "on-duty-alert"));
        if (!r.accepted()) {
            log.warn("on-duty alert for {} not sent: {} {}", ticket, r.status(), r.detail());
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
