package dev.frontline.server.api;

import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.CustomerRepository;
import dev.frontline.core.customer.Outage;
import dev.frontline.core.customer.OutageRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Assembles the screen-pop of an offered call from the store: customer, history, outage, menu trail. Thread-safe. */
public final class ScreenPops {
    private final CustomerRepository customers;
    private final OutageRepository outages;
    private final DeskQueries queries;
    private final Clock clock;

    public ScreenPops(CustomerRepository customers, OutageRepository outages, DeskQueries queries, Clock clock) {
        this.customers = customers;
        this.outages = outages;
        this.queries = queries;
        this.clock = clock;
    }

    /**
     * @param queued the call as the ACD queued it (may be null when unknown, e.g. after a restart); the call record
     *               written by the IVR fills in the trail either way
     */
    public ServerMessage.ScreenPop assemble(CallId callId, QueuedCall queued, Instant offeredAt) {
        Optional<DeskQueries.CallRecord> record = queries.call(callId);
        // a callback call has no calls row (ADR 0147): its trail is the menu call's that asked for the callback, if any
        Optional<DeskQueries.CallRecord> menu = record.isPresent() ? record : queries.callbackOrigin(callId);
        Optional<Long> customerId = queued != null && queued.customer().isPresent()
                ? Optional.of(queued.customer().get().value())
                : record.map(DeskQueries.CallRecord::customerId);
        Optional<Customer> customer = customerId.flatMap(id -> customers.findById(new CustomerId(id)));
        Instant now = clock.instant();
        Instant arrived = queued != null ? queued.arrivedAt()
                : record.map(r -> r.queuedAt() != null ? r.queuedAt() : r.startedAt()).orElse(offeredAt);
        long waited = Math.max(0, Duration.between(arrived, offeredAt).toSeconds());

        String callingNumber = queued != null ? queued.callingNumber()
                : record.map(DeskQueries.CallRecord::callingNumber).orElse("");
        Views.MenuTrail trail = new Views.MenuTrail(
                queued != null ? queued.language().code() : record.map(DeskQueries.CallRecord::language).orElse(null),
                menu.map(DeskQueries.CallRecord::trail).orElse(List.of()),
                customer.isPresent() || menu.map(DeskQueries.CallRecord::identified).orElse(false),
                menu.map(DeskQueries.CallRecord::verified).orElse(false),
                queued != null ? queued.intent().name().toLowerCase(Locale.ROOT)
                        : record.map(DeskQueries.CallRecord::intent).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null),
                queued != null ? queued.priority() : record.map(DeskQueries.CallRecord::priority).orElse(3),
                queued != null ? queued.tier().name().toLowerCase(Locale.ROOT)
                        : record.map(DeskQueries.CallRecord::tier).map(s -> s.toLowerCase(Locale.ROOT)).orElse(null),
                waited);

        Views.CustomerCard card = customer.map(ScreenPops::card).orElse(null);
        List<Views.TicketSummary> tickets = customer.map(c -> queries.openTickets(c.id().value())).orElse(List.of());
        List<Views.Contact> contacts = customer.map(c -> queries.lastContacts(c.id().value(), 10, callId.value()))
                .orElse(List.of());
        Views.OutageInfo outage = customer.flatMap(c -> outageIn(c.serviceArea(), now)).orElse(null);
        return new ServerMessage.ScreenPop(callId.value(), offeredAt, callingNumber, card, trail, tickets, contacts,
                outage, record.map(DeskQueries.CallRecord::ticketId)
                        // a callback conversation has no calls row: its ticket is the one opened on it (ADR 0147)
                        .or(() -> queries.openTicketsOfCall(callId).stream().findFirst()).orElse(null));
    }

    Optional<Views.CustomerCard> customerCard(long id) {
        return customers.findById(new CustomerId(id)).map(ScreenPops::card);
    }

    Optional<Views.OutageInfo> outageIn(String area, Instant now) {
        if (area == null || area.isBlank()) {
            return Optional.empty();
        }
        return outages.activeIn(area, now).map(ScreenPops::outage);
    }

    static Views.OutageInfo outage(Outage o) {
        return new Views.OutageInfo(o.area(), o.description(), o.expectedEnd().orElse(null));
    }

    /** The card a desktop shows: nothing secret (no PIN hash, no login). */
    public static Views.CustomerCard card(Customer c) {
        return new Views.CustomerCard(c.id().value(), c.contractNumber(), c.name(), c.mobile().orElse(null),
                c.otherPhones(), c.email(), c.address(), c.serviceArea(), c.plan(), c.services(), c.status(),
                c.language().code());
    }
}
