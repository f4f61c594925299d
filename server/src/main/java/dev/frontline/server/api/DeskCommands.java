package dev.frontline.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ApiJson;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.core.ticket.KnowledgeBase;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.CustomerRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads a desktop's command, checks it is allowed for this session and fits the state, and delegates to the ACD,
 * the tickets or the phone. Every command gets exactly one answer (Ack, KbSuggestions or ErrorReply).
 */
final class DeskCommands {
    private static final Logger log = LoggerFactory.getLogger(DeskCommands.class);
    private static final ObjectMapper JSON = ApiJson.mapper();
    /**
     * The call's open tickets go up with it to {@code tier} (a ticket already there or above stays): seen in the
     * demo, a call passed to line 2 left its ticket on line 1, where nobody on line 2 looks.
     */
    private void ticketsFollow(CallId call, Tier tier, String login) {
        for (String ticket : queries.openTicketsOfCall(call)) {
            try {
                tickets.escalate(ticket, tier, login, "passed on with the call");
            } catch (IllegalArgumentException alreadyThere) {
                log.debug("ticket {} stays: {}", ticket, alreadyThere.getMessage());
            }
        }
    }

    /** A transfer's note for the receiving operator, in characters. */
    static final int MAX_TRANSFER_NOTE = 1000;

    private final Acd acd;
    private final TicketDesk tickets;
    private final KnowledgeBase knowledgeBase;
    private final PhoneControl phone;
    private final CustomerRepository customers;
    private final DeskQueries queries;
    private final LiveDesks desks;
    private final dev.frontline.core.store.AuditLog audit;
    private final Visibility visibility;
    private final Clock clock;
    private final dev.frontline.core.desk.DeskChoices choices;
    /** Who a supervisor may assign a ticket to. */
    private final dev.frontline.core.operator.OperatorRepository operators;
    private final Spies spies;

    /** @param choices the dispositions a call may be given ({@code desk.dispositions}) */
    DeskCommands(Acd acd, TicketDesk tickets, KnowledgeBase knowledgeBase, PhoneControl phone,
                 CustomerRepository customers, DeskQueries queries, LiveDesks desks, Visibility visibility, Clock clock,
                 dev.frontline.core.store.AuditLog audit, dev.frontline.core.desk.DeskChoices choices,
                 dev.frontline.core.operator.OperatorRepository operators, Spies spies) {
        this.spies = spies;
        this.operators = operators;
        this.choices = choices;
        this.audit = audit;
        this.acd = acd;
        this.tickets = tickets;
        this.knowledgeBase = knowledgeBase;
        this.phone = phone;
        this.customers = customers;
        this.queries = queries;
        this.desks = desks;
        this.visibility = visibility;
        this.clock = clock;
    }

    /** Handles one text frame and returns the answer to send. Never throws. */
    ServerMessage handle(DeskSession session, String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return new ServerMessage.ErrorReply(null, "bad-json", "not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return new ServerMessage.ErrorReply(null, "bad-json", "a command must be a JSON object");
        }
        String id = node.hasNonNull("id") ? node.get("id").asText() : null;
        if (!node.hasNonNull("type")) {
            return new ServerMessage.ErrorReply(id, "missing-field", "type is required");
        }
        if (id == null || id.isBlank()) {
            return new ServerMessage.ErrorReply(null, "missing-field", "id is required");
        }
        ClientMessage command;
        try {
            command = JSON.treeToValue(node, ClientMessage.class);
        } catch (InvalidTypeIdException e) {
            return new ServerMessage.ErrorReply(id, "unknown-type", "unknown command type '"
                    + node.get("type").asText() + "'");
        } catch (MismatchedInputException e) {
            String path = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName()
                    : "[" + r.getIndex() + "]").collect(Collectors.joining("."));
            return new ServerMessage.ErrorReply(id, "bad-json", (path.isEmpty() ? "" : path + ": ")
                    + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            return new ServerMessage.ErrorReply(id, "bad-json", e.getOriginalMessage());
        }
        try {
            return execute(session, command);
        } catch (CommandException e) {
            return new ServerMessage.ErrorReply(id, e.code, e.getMessage());
        } catch (java.util.NoSuchElementException e) {
            return new ServerMessage.ErrorReply(id, "not-found", e.getMessage());
        } catch (IllegalStateException | IllegalArgumentException e) {
            return new ServerMessage.ErrorReply(id, "invalid", e.getMessage());
        } catch (UnsupportedOperationException e) {
            return new ServerMessage.ErrorReply(id, "failed", "not supported: " + e.getMessage());
        } catch (RuntimeException e) {
            log.error("command {} of {} failed", command.getClass().getSimpleName(), session.login(), e);
            return new ServerMessage.ErrorReply(id, "failed", "the server could not do it: " + e.getMessage());
        }
    }

    /** A break's reason is a code ({@code lunch}), never a translated label. */
    private static String breakReason(String reason) {
        try {
            return dev.frontline.core.acd.BreakReason.checked(reason);
        } catch (IllegalArgumentException e) {
            throw new CommandException("invalid", e.getMessage());
        }
    }

    private ServerMessage execute(DeskSession s, ClientMessage m) {
        OperatorId me = s.operator().id();
        if (m instanceof ClientMessage.SetState c) {
            if (c.state() == null) {
                throw CommandException.missing("state");
            }
            if (c.state() != OperatorState.READY && c.state() != OperatorState.BREAK
                    && c.state() != OperatorState.OFFLINE) {
                throw new CommandException("invalid", "state must be READY, BREAK or OFFLINE, not " + c.state());
            }
            acd.setOperatorState(me, c.state(), c.state() == OperatorState.BREAK ? breakReason(c.reason()) : c.reason());
            return ack(m, null);
        }
        if (m instanceof ClientMessage.AcceptCall c) {
            CallId call = myCall(s, c.callId());
            phone.answer(call, me);
            return ack(m, null);
        }
        if (m instanceof ClientMessage.HangUpCall c) {
            CallId call = myCall(s, c.callId());
            if (!phone.carries(call)) {
                throw new CommandException("invalid", "this call is on a real phone: hang up there");
            }
            phone.hangUp(call, me);
            return ack(m, null);
        }
        if (m instanceof ClientMessage.EndWrapUp) {
            if (desks.get(s.login()).state() != OperatorState.WRAP_UP) {
                throw new CommandException("invalid", "not in wrap-up");
            }
            acd.endWrapUp(me);
            return ack(m, null);
        }
        if (m instanceof ClientMessage.AddNote c) {
            String ticket = myTicket(s, c.ticketId());
            tickets.addNote(ticket, s.login(), required(c.text(), "text"));
            return ack(m, ticket);
        }
        if (m instanceof ClientMessage.IdentifyCaller c) {
            CallId call = myCall(s, c.callId());
            CustomerId customer = myCustomer(s, c.customerId()); // found by this operator's search (or a supervisor)
            if (!queries.identifyCaller(call, customer.value())) {
                throw new CommandException("invalid", "call " + call.value() + " has no record yet");
            }
            audit.record(s.login(), "identify-caller", Long.toString(customer.value()), "call " + call.value());
            return ack(m, null);
        }
        if (m instanceof ClientMessage.CreateTicket c) {
            Optional<CallId> call = c.callId() == null ? Optional.empty() : Optional.of(myCall(s, c.callId()));
            Optional<CustomerId> customer = Optional.ofNullable(c.customerId()).map(id -> myCustomer(s, id));
            if (customer.isEmpty()) {
                customer = call.flatMap(queries::call).map(DeskQueries.CallRecord::customerId).map(CustomerId::new);
            }
            String id = tickets.create(customer, call, required(c.subject(), "subject"),
                    c.tier() == null ? Tier.LINE1 : c.tier(), s.login());
            visibility.grantTicket(s.login(), id);
            return ack(m, id);
        }
        if (m instanceof ClientMessage.EscalateTicket c) {
            String ticket = onMyLine(s, myTicket(s, c.ticketId()));
            if (c.toTier() == null) {
                throw CommandException.missing("toTier");
            }
            tickets.escalate(ticket, c.toTier(), s.login(), c.note());
            return ack(m, ticket);
        }
        if (m instanceof ClientMessage.TakeTicket c) {
            String ticket = onMyLine(s, myTicket(s, c.ticketId()));
            tickets.take(ticket, s.login());
            return ack(m, ticket);
        }
        if (m instanceof ClientMessage.AssignTicket c) {
            supervisorOnly(s, "assign-ticket");
            String ticket = required(c.ticketId(), "ticketId");
            String login = required(c.login(), "login").strip();
            Views.TicketDetail t = queries.ticket(ticket).orElseThrow(() ->
                    new CommandException("not-found", "no ticket " + ticket));
            if (!dev.frontline.core.ticket.Ticket.OPEN.equals(t.ticket().state())) {
                throw new CommandException("invalid", "ticket " + ticket + " is closed");
            }
            dev.frontline.core.operator.Operator to = operators.find(new OperatorId(login))
                    .filter(o -> o.role() == dev.frontline.core.operator.Operator.Role.OPERATOR && o.active())
                    .orElseThrow(() -> new CommandException("invalid", "'" + login + "' is not an active operator"));
            String tier = t.ticket().tier();
            if (to.tiers().stream().noneMatch(x -> x.name().equalsIgnoreCase(tier))) {
                throw new CommandException("invalid", login + " does not work " + tier.toLowerCase(java.util.Locale.ROOT)
                        + ", the ticket's line: escalate it first, or pick someone on that line");
            }
            audit.record(s.login(), "assign-ticket", ticket, "to " + login); // before it happens, as every supervisor action
            tickets.assign(ticket, login, s.login());
            visibility.grantTicket(login, ticket);
            return ack(m, ticket);
        }
        if (m instanceof ClientMessage.CloseTicket c) {
            String ticket = onMyLine(s, myTicket(s, c.ticketId()));
            tickets.close(ticket, s.login(), required(c.resolution(), "resolution"));
            return ack(m, ticket);
        }
        if (m instanceof ClientMessage.ReopenTicket c) {
            String ticket = onMyLine(s, myTicket(s, c.ticketId()));
            String reason = required(c.reason(), "reason").strip();
            tickets.reopen(ticket, s.login(), reason, tx -> audit.record(tx, s.login(), "ticket-reopen", ticket, reason));
            return ack(m, ticket);
        }
        if (m instanceof ClientMessage.SetDisposition c) {
            CallId call = myCall(s, c.callId());
            String disposition = required(c.disposition(), "disposition");
            if (!choices.allows(disposition)) { // desk.dispositions: a code the desk knows, never free text
                throw new CommandException("invalid", "disposition '" + disposition + "' is not one of desk.dispositions ("
                        + String.join(", ", choices.dispositions()) + ")");
            }
            tickets.disposition(call, disposition, s.login());
            return ack(m, null);
        }
        if (m instanceof ClientMessage.ScheduleCallback c) {
            return ack(m, scheduleCallback(s, c));
        }
        if (m instanceof ClientMessage.CallBackNow c) {
            acd.callBackNow(new dev.frontline.core.common.CallbackId(c.callbackId()), me);
            return ack(m, null);
        }
        if (m instanceof ClientMessage.TransferCall c) {
            CallId call = myCall(s, c.callId());
            String to = c.operator() == null || c.operator().isBlank() ? null : c.operator().strip();
            if (c.intent() == null && c.tier() == null && to == null) {
                throw CommandException.missing("intent, tier or operator");
            }
            if (c.note() != null && c.note().length() > MAX_TRANSFER_NOTE) {
                throw new CommandException("invalid", "note is longer than " + MAX_TRANSFER_NOTE + " characters");
            }
            if (to == null) {
                acd.transfer(call, c.intent(), c.tier());
                if (c.tier() != null) {
                    ticketsFollow(call, c.tier(), s.login());
                }
                return ack(m, null);
            }
            if (to.equals(me.value())) {
                throw new CommandException("invalid", "the call is already yours");
            }
            if (stateNow(to, st -> st != OperatorState.OFFLINE) == OperatorState.OFFLINE) {
                throw new CommandException("invalid", "operator '" + to + "' is not signed in");
            }
            acd.transfer(call, c.intent(), c.tier(), new OperatorId(to), c.note());
            return ack(m, null);
        }
        if (m instanceof ClientMessage.ConsultCall c) {
            CallId call = myCall(s, c.callId());
            String to = c.operator() == null || c.operator().isBlank() ? null : c.operator().strip();
            if (to == null && c.tier() == null) {
                throw CommandException.missing("operator or tier");
            }
            if (c.note() != null && c.note().length() > MAX_TRANSFER_NOTE) {
                throw new CommandException("invalid", "note is longer than " + MAX_TRANSFER_NOTE + " characters");
            }
            if (to != null && to.equals(me.value())) {
                throw new CommandException("invalid", "the call is already yours");
            }
            OperatorState colleague = to == null ? null : stateNow(to, st -> st == OperatorState.READY);
            if (to != null && colleague != OperatorState.READY) {
                throw new CommandException("invalid", "operator '" + to + "' is not ready ("
                        + colleague.name().toLowerCase(java.util.Locale.ROOT) + ")");
            }
            acd.consult(call, me, to == null ? null : new OperatorId(to), to == null ? c.tier() : null, c.note());
            return ack(m, null);
        }
        if (m instanceof ClientMessage.CompleteTransfer c) {
            acd.completeTransfer(myCall(s, c.callId()), me);
            return ack(m, null);
        }
        if (m instanceof ClientMessage.CancelConsult c) {
            acd.cancelConsult(myCall(s, c.callId()), me);
            return ack(m, null);
        }
        if (m instanceof ClientMessage.HoldCall c) {
            CallId call = myCall(s, c.callId());
            acd.hold(call, me, c.on());
            return ack(m, null);
        }
        if (m instanceof ClientMessage.MuteCall c) {
            CallId call = myCall(s, c.callId());
            phone.mute(call, me, c.on());
            return ack(m, c.on() ? "muted" : "unmuted");
        }
        if (m instanceof ClientMessage.ForceState c) {
            supervisorOnly(s, "force-state");
            String login = required(c.login(), "login");
            if (c.state() != OperatorState.READY && c.state() != OperatorState.BREAK && c.state() != OperatorState.OFFLINE) {
                throw new CommandException("invalid", "state must be READY, BREAK or OFFLINE, not " + c.state());
            }
            OperatorState now = desks.get(login).state();
            if (c.state() != OperatorState.READY && (now == OperatorState.TALKING)) {
                throw new CommandException("invalid", login + " is on a call: the state changes when it ends");
            }
            String reason = c.state() == OperatorState.BREAK ? breakReason(c.reason()) : c.reason();
            log.info("supervisor {} set {} to {} ({})", s.login(), login, c.state(), reason);
            audit.record(s.login(), "force-state", login, c.state() + (reason == null || reason.isEmpty() ? "" : " " + reason));
            acd.setOperatorState(new OperatorId(login), c.state(), reason == null ? "set by " + s.login() : reason);
            return ack(m, null);
        }
        if (m instanceof ClientMessage.Supervise c) {
            supervisorOnly(s, "supervise");
            String login = required(c.login(), "login");
            if (c.mode() == null) {
                throw CommandException.missing("mode");
            }
            LiveDesks.Desk desk = desks.get(login);
            // a callback conversation has no screen-pop: its call id (the attempt id) is the TALKING state's reason
            String call = desk.current() != null ? desk.current().callId()
                    : desk.reason() == null || desk.reason().isBlank() || desk.reason().contains(" ") ? null : desk.reason();
            if (call == null || stateNow(login, st -> st == OperatorState.TALKING) != OperatorState.TALKING) {
                throw new CommandException("invalid", login + " is not on a call");
            }
            String endpoint = s.operator().endpoint();
            if (endpoint == null || endpoint.isBlank()) {
                throw new CommandException("invalid", "your account has no phone to listen on (operators set-endpoint)");
            }
            Optional<Views.Spy> was = spies.ofSupervisor(s.login());
            audit.record(s.login(), "supervise-" + c.mode().name().toLowerCase(java.util.Locale.ROOT), login,
                    "call " + call + " from " + endpoint);
            was.filter(w -> !w.callId().equals(call)).ifPresent(w ->
                    phone.stopSupervise(new CallId(w.callId()), new OperatorId(w.operator()), endpoint));
            phone.supervise(new CallId(call), new OperatorId(login), endpoint, c.mode());
            ServerMessage.ScreenPop pop = desk.current(); // none on a callback conversation: its attempt id names it
            String caller = pop == null ? call : pop.customer() != null && pop.customer().name() != null
                    ? pop.customer().name() : pop.callingNumber();
            String operatorName = operators.find(new OperatorId(login)).map(dev.frontline.core.operator.Operator::name)
                    .orElse(login);
            spies.started(new Views.Spy(call, s.login(), s.operator().name(), login, operatorName, caller, c.mode(),
                    was.filter(w -> w.callId().equals(call)).map(Views.Spy::since).orElse(clock.instant())), endpoint);
            return ack(m, call);
        }
        if (m instanceof ClientMessage.StopSupervise c) {
            supervisorOnly(s, "stop-supervise");
            Views.Spy spy = spies.ofSupervisor(s.login())
                    .orElseThrow(() -> new CommandException("invalid", "you are not listening in on any call"));
            phone.stopSupervise(new CallId(spy.callId()), new OperatorId(spy.operator()), s.operator().endpoint());
            spies.stop(s.login());
            return ack(m, spy.callId());
        }
        if (m instanceof ClientMessage.ChangePriority c) {
            supervisorOnly(s, "change-priority");
            if (c.priority() < 1 || c.priority() > 3) {
                throw new CommandException("invalid", "priority must be 1, 2 or 3, not " + c.priority());
            }
            String call = required(c.callId(), "callId");
            if (acd.status(new CallId(call)).isEmpty()) {
                throw new CommandException("invalid", "call " + call + " is not waiting");
            }
            log.info("supervisor {} set the priority of {} to {}", s.login(), call, c.priority());
            audit.record(s.login(), "change-priority", call, Integer.toString(c.priority()));
            acd.changePriority(new CallId(call), c.priority());
            return ack(m, null);
        }
        if (m instanceof ClientMessage.SuggestKb c) {
            return new ServerMessage.KbSuggestions(c.id(), articles(knowledgeBase, required(c.text(), "text"), 5));
        }
        throw new CommandException("unknown-type", "unhandled command " + m.getClass().getSimpleName());
    }

    static java.util.List<Views.KbArticle> articles(KnowledgeBase kb, String text, int limit) {
        return kb.suggest(text, limit).stream().map(s -> new Views.KbArticle(s.id(), s.title(), s.snippet())).toList();
    }

    private ServerMessage ack(ClientMessage m, String detail) {
        return new ServerMessage.Ack(m.id(), detail);
    }

    private String scheduleCallback(DeskSession s, ClientMessage.ScheduleCallback c) {
        Optional<Customer> customer = Optional.ofNullable(c.customerId()).map(id -> myCustomer(s, id))
                .flatMap(customers::findById);
        String number = c.number() != null && !c.number().isBlank() ? c.number().trim()
                : customer.flatMap(Customer::mobile).orElseThrow(() -> CommandException.missing("number"));
        if (!number.matches("\\+?[0-9]{5,16}")) {
            throw new CommandException("invalid", "number must be a phone number like +37061234567, not '"
                    + number + "'");
        }
        if (c.windowStart() != null && c.windowEnd() != null && c.windowEnd().isBefore(c.windowStart())) {
            throw new CommandException("invalid", "windowEnd is before windowStart");
        }
        Intent intent = Intent.GENERAL;
        try {
            acd.requestCallback(new CallbackRequest(Optional.empty(), customer.map(Customer::id), number, intent,
                    intent.defaultPriority(), Tier.LINE1, customer.map(Customer::language).orElse(Language.EN),
                    clock.instant(), Optional.ofNullable(c.windowStart()), Optional.ofNullable(c.windowEnd()),
                    "operator " + s.login() + (c.note() == null || c.note().isBlank() ? "" : ": " + c.note())));
        } catch (dev.frontline.core.acd.NotConfirmed e) {
            throw new CommandException("unavailable", "the callback is not recorded: " + e.getMessage());
        }
        return number;
    }

    private static void supervisorOnly(DeskSession s, String what) {
        if (!s.supervisor()) {
            throw new CommandException("forbidden", what + " is for supervisors");
        }
    }

    /** The call must be the one offered to / handled by this operator (supervisors: any). */
    /**
     * A colleague's state: the desk picture when it is {@code good}, else the ACD's own once the commands already
     * sent are routed (the picture follows the ACD by a moment: a colleague whose Ready was just acknowledged is
     * ready, and a transfer to them must not be refused; seen on the real PBX).
     */
    private OperatorState stateNow(String login, java.util.function.Predicate<OperatorState> good) {
        OperatorState pictured = desks.get(login).state();
        if (good.test(pictured)) {
            return pictured;
        }
        acd.awaitCommands();
        return acd.snapshot().operators().stream().filter(o -> o.id().value().equals(login))
                .map(dev.frontline.core.acd.OperatorView::state).findFirst().orElse(pictured);
    }

    private CallId myCall(DeskSession s, String callId) {
        String id = required(callId, "callId");
        if (!s.supervisor() && !visibility.call(s.login(), id)) {
            throw new CommandException("forbidden", "call " + id + " is not yours");
        }
        return new CallId(id);
    }

    private String myTicket(DeskSession s, String ticketId) {
        String id = required(ticketId, "ticketId");
        if (queries.ticket(id).isEmpty()) {
            throw new CommandException("not-found", "no ticket " + id);
        }
        if (!s.supervisor() && !mayReadTicket(s.login(), id)) {
            throw new CommandException("forbidden", "ticket " + id + " is not one of your customers'");
        }
        return id;
    }

    /**
     * Working a ticket (take, close, escalate) is for its current line: an operator who may read a ticket of another
     * line (through its customer) may add a note to it, nothing more. Supervisors: any line.
     */
    private String onMyLine(DeskSession s, String ticketId) {
        if (s.supervisor()) {
            return ticketId;
        }
        String tier = queries.ticket(ticketId).map(t -> t.ticket().tier()).orElse("");
        boolean mine = s.operator().tiers().stream().anyMatch(t -> t.name().equalsIgnoreCase(tier));
        if (!mine) {
            throw new CommandException("forbidden", "ticket " + ticketId + " is on " + tier.toLowerCase(java.util.Locale.ROOT)
                    + ", not one of your lines: add a note, or ask that line or a supervisor");
        }
        return ticketId;
    }

    boolean mayReadTicket(String login, String ticketId) {
        if (visibility.ticket(login, ticketId)) {
            return true;
        }
        return queries.ticket(ticketId).map(t -> t.customerId() != null && visibility.customer(login, t.customerId()))
                .orElse(false);
    }

    private CustomerId myCustomer(DeskSession s, long id) {
        if (!s.supervisor() && !visibility.customer(s.login(), id)) {
            throw new CommandException("forbidden", "customer " + id + " is not yours");
        }
        return new CustomerId(id);
    }

    private static String required(String v, String field) {
        if (v == null || v.isBlank()) {
            throw CommandException.missing(field);
        }
        return v;
    }
}
