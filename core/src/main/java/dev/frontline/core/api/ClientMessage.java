package dev.frontline.core.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Tier;

import java.time.Instant;

/** Desktop to server. Every command carries an {@code id}; the answer is an Ack or an ErrorReply with it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientMessage.SetState.class, name = "set-state"),
        @JsonSubTypes.Type(value = ClientMessage.IdentifyCaller.class, name = "identify-caller"),
        @JsonSubTypes.Type(value = ClientMessage.AcceptCall.class, name = "accept"),
        @JsonSubTypes.Type(value = ClientMessage.HangUpCall.class, name = "hang-up"),
        @JsonSubTypes.Type(value = ClientMessage.EndWrapUp.class, name = "end-wrap-up"),
        @JsonSubTypes.Type(value = ClientMessage.AddNote.class, name = "add-note"),
        @JsonSubTypes.Type(value = ClientMessage.CreateTicket.class, name = "create-ticket"),
        @JsonSubTypes.Type(value = ClientMessage.EscalateTicket.class, name = "escalate-ticket"),
        @JsonSubTypes.Type(value = ClientMessage.CloseTicket.class, name = "close-ticket"),
        @JsonSubTypes.Type(value = ClientMessage.TakeTicket.class, name = "take-ticket"),
        @JsonSubTypes.Type(value = ClientMessage.ReopenTicket.class, name = "reopen-ticket"),
        @JsonSubTypes.Type(value = ClientMessage.AssignTicket.class, name = "assign-ticket"),
        @JsonSubTypes.Type(value = ClientMessage.SetDisposition.class, name = "set-disposition"),
        @JsonSubTypes.Type(value = ClientMessage.ScheduleCallback.class, name = "schedule-callback"),
        @JsonSubTypes.Type(value = ClientMessage.CallBackNow.class, name = "call-back-now"),
        @JsonSubTypes.Type(value = ClientMessage.TransferCall.class, name = "transfer"),
        @JsonSubTypes.Type(value = ClientMessage.SuggestKb.class, name = "suggest-kb"),
        @JsonSubTypes.Type(value = ClientMessage.ForceState.class, name = "force-state"),
        @JsonSubTypes.Type(value = ClientMessage.ChangePriority.class, name = "change-priority"),
        @JsonSubTypes.Type(value = ClientMessage.Supervise.class, name = "supervise"),
        @JsonSubTypes.Type(value = ClientMessage.HoldCall.class, name = "hold"),
        @JsonSubTypes.Type(value = ClientMessage.MuteCall.class, name = "mute"),
        @JsonSubTypes.Type(value = ClientMessage.ConsultCall.class, name = "consult"),
        @JsonSubTypes.Type(value = ClientMessage.CompleteTransfer.class, name = "complete-transfer"),
        @JsonSubTypes.Type(value = ClientMessage.CancelConsult.class, name = "cancel-consult"),
        @JsonSubTypes.Type(value = ClientMessage.StopSupervise.class, name = "stop-supervise"),
})
public sealed interface ClientMessage {
    String id();

    /** READY, BREAK (with reason) or OFFLINE; other states are the ACD's to set. */
    record SetState(String id, OperatorState state, String reason) implements ClientMessage {}

    /** Answer the ringing call (the simulated line's operator phone; real phones answer themselves). */
    record AcceptCall(String id, String callId) implements ClientMessage {}

    record HangUpCall(String id, String callId) implements ClientMessage {}

    record EndWrapUp(String id) implements ClientMessage {}

    record AddNote(String id, String ticketId, String text) implements ClientMessage {}

    /**
     * The operator identified an unknown caller by search: the call (its record and tickets) now belongs to
     * {@code customerId}; the desk then loads that customer's record and history.
     */
    record IdentifyCaller(String id, String callId, long customerId) implements ClientMessage {}

    /** A ticket for the call (or for a customer found by search when {@code callId} is null). */
    record CreateTicket(String id, String callId, Long customerId, String subject, Tier tier) implements ClientMessage {}

    record EscalateTicket(String id, String ticketId, Tier toTier, String note) implements ClientMessage {}

    /** Resolves (closes) a ticket; {@code resolution} says how, and goes into its history. */
    record CloseTicket(String id, String ticketId, String resolution) implements ClientMessage {}

    /**
     * Opens a closed ticket again on the line that closed it ({@code reason} required, into its history); for an
     * operator of that line or a supervisor. Audited; counts against first-contact resolution.
     */
    record ReopenTicket(String id, String ticketId, String reason) implements ClientMessage {}

    /** The operator works this open ticket of its line from now on (shown to the line as "taken by"). */
    record TakeTicket(String id, String ticketId) implements ClientMessage {}

    /**
     * Supervisors only: operator {@code login} works this open ticket from now on (it shows "taken by" them in their
     * Tickets tab); they must work the ticket's line. Recorded in the audit log.
     */
    record AssignTicket(String id, String ticketId, String login) implements ClientMessage {}

    record SetDisposition(String id, String callId, String disposition) implements ClientMessage {}

    record ScheduleCallback(String id, Long customerId, String number, Instant windowStart, Instant windowEnd,
                            String note) implements ClientMessage {}

    record CallBackNow(String id, long callbackId) implements ClientMessage {}

    record TransferCall(String id, String callId, Intent intent, Tier tier, String operator, String note)
            implements ClientMessage {
        /** To a queue and/or line, without a named operator or note. */
        public TransferCall(String id, String callId, Intent intent, Tier tier) {
            this(id, callId, intent, tier, null, null);
        }
    }

    /** The talking operator puts the caller on hold ({@code on}: the caller hears music) or takes them back. */
    record HoldCall(String id, String callId, boolean on) implements ClientMessage {}

    /**
     * Warm transfer: the talking operator holds the caller and rings a ready colleague ({@code operator}, a login)
     * or the longest-ready operator of line {@code tier} for a consultation; {@code note} shows on their desk.
     */
    record ConsultCall(String id, String callId, String operator, Tier tier, String note) implements ClientMessage {}

    /** The consulting operator hands the caller to the colleague who answered the consultation. */
    record CompleteTransfer(String id, String callId) implements ClientMessage {}

    /** The consulting operator ends the consultation and takes the caller back. */
    record CancelConsult(String id, String callId) implements ClientMessage {}

    /** The talking operator mutes ({@code on}) or unmutes their microphone towards the caller. */
    record MuteCall(String id, String callId, boolean on) implements ClientMessage {}

    /** Supervisors only: put operator {@code login} on BREAK (with reason) or OFFLINE, or back to READY. */
    record ForceState(String id, String login, OperatorState state, String reason) implements ClientMessage {}

    /**
     * Supervisors only: join operator {@code login}'s current call from the supervisor's own phone, listening,
     * whispering to the operator or barging in. Recorded (who, whom, when) before it happens.
     */
    record Supervise(String id, String login, dev.frontline.core.common.SpyMode mode) implements ClientMessage {}

    /** Supervisors only: end this supervisor's listening-in (their desk phone leaves the call). Recorded. */
    record StopSupervise(String id) implements ClientMessage {}

    /** Supervisors only: a waiting caller's priority 1 (technical) .. 3 (general); it keeps its place in time. */
    record ChangePriority(String id, String callId, int priority) implements ClientMessage {}

    /** Knowledge-base suggestions for a few typed words; answered with KbSuggestions. */
    record SuggestKb(String id, String text) implements ClientMessage {}
}
