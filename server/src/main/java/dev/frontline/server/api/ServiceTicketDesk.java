package dev.frontline.server.api;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.common.TicketId;
import dev.frontline.core.ticket.TicketService;

import java.util.Optional;

/** The desktops' ticket commands on the {@link TicketService} (ids, SLA clocks and history are its business). */
public final class ServiceTicketDesk implements TicketDesk {
    private final TicketService tickets;

    public ServiceTicketDesk(TicketService tickets) {
        this.tickets = tickets;
    }

    @Override
    public String create(Optional<CustomerId> customer, Optional<CallId> call, String subject, Tier tier,
                         String author) {
        return tickets.open(customer, call, subject, Optional.empty(), tier, 3, author).id().value();
    }

    @Override
    public Prepared prepare(Optional<CustomerId> customer, String subject, dev.frontline.core.common.Intent intent,
                            Tier tier, String author, String note) {
        TicketService.Draft draft = tickets.draft(customer, subject, Optional.of(intent), tier, intent.defaultPriority(),
                author, note);
        return new Prepared(draft.ticket().id().value(), c -> tickets.insert(c, draft));
    }

    @Override
    public void addNote(String ticketId, String author, String text) {
        tickets.addNote(new TicketId(ticketId), author, text);
    }

    @Override
    public void escalate(String ticketId, Tier toTier, String author, String note) {
        tickets.escalate(new TicketId(ticketId), Optional.ofNullable(toTier), author, note);
    }

    @Override
    public void assign(String ticketId, String to, String by) {
        tickets.assign(new TicketId(ticketId), to, by);
    }

    @Override
    public void take(String ticketId, String author) {
        tickets.take(new TicketId(ticketId), author);
    }

    @Override
    public void close(String ticketId, String author, String resolution) {
        tickets.close(new TicketId(ticketId), author, resolution);
    }

    @Override
    public void reopen(String ticketId, String author, String reason,
                       dev.frontline.core.ticket.TicketStore.InTransaction also) {
        tickets.reopen(new TicketId(ticketId), author, reason, also);
    }

    @Override
    public void disposition(CallId call, String disposition, String author) {
        tickets.disposition(call, disposition, author);
    }
}
