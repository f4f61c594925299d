package dev.frontline.core.api;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.frontline.core.acd.OperatorState;

import java.time.Instant;
import java.util.List;

/** Server to desktop. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ServerMessage.Welcome.class, name = "welcome"),
        @JsonSubTypes.Type(value = ServerMessage.ScreenPop.class, name = "screen-pop"),
        @JsonSubTypes.Type(value = ServerMessage.CallConnected.class, name = "call-connected"),
        @JsonSubTypes.Type(value = ServerMessage.CallFinished.class, name = "call-finished"),
        @JsonSubTypes.Type(value = ServerMessage.CallbackOffer.class, name = "callback-offered"),
        @JsonSubTypes.Type(value = ServerMessage.StateChanged.class, name = "state-changed"),
        @JsonSubTypes.Type(value = ServerMessage.QueueSnapshot.class, name = "queue-snapshot"),
        @JsonSubTypes.Type(value = ServerMessage.Alert.class, name = "alert"),
        @JsonSubTypes.Type(value = ServerMessage.KbSuggestions.class, name = "kb-suggestions"),
        @JsonSubTypes.Type(value = ServerMessage.Ack.class, name = "ack"),
        @JsonSubTypes.Type(value = ServerMessage.ErrorReply.class, name = "error"),
        @JsonSubTypes.Type(value = ServerMessage.PhoneTurnPushed.class, name = "phone-turn"),
        @JsonSubTypes.Type(value = ServerMessage.PhoneText.class, name = "phone-text"),
        @JsonSubTypes.Type(value = ServerMessage.CallOfferWithdrawn.class, name = "call-withdrawn"),
        @JsonSubTypes.Type(value = ServerMessage.CallHoldChanged.class, name = "call-hold"),
        @JsonSubTypes.Type(value = ServerMessage.CallbacksChanged.class, name = "callbacks-changed"),
        @JsonSubTypes.Type(value = ServerMessage.ConsultChanged.class, name = "consult"),
        @JsonSubTypes.Type(value = ServerMessage.SpyChanged.class, name = "spy"),
})
public sealed interface ServerMessage {

    /**
     * First message on every (re)connection: who you are and the current state, so a reconnecting desktop
     * restores its screen (an offered or connected call comes as {@code current}, with {@code callPhase}
     * {@code offered}, {@code connected} or {@code wrap-up}; {@code wrapUpUntil} set in wrap-up). {@code consult}: the
     * consultation under way on that call, for the operator who asked ({@code from}) and the colleague asked
     * ({@code to}); null when none. {@code spy}: a supervisor listening in, for the supervisor (whose desk phone is
     * on it) and, when they whisper or barge, the operator; null when none.
     */
    record Welcome(int version, String login, String name, String role, OperatorState state, String stateReason,
                   Instant stateSince, ScreenPop current, Instant serverTime, String callPhase,
                   Instant wrapUpUntil, Views.Consultation consult, Views.Spy spy) implements ServerMessage {
        /** A Welcome without a consultation or listening-in. */
        public Welcome(int version, String login, String name, String role, OperatorState state, String stateReason,
                       Instant stateSince, ScreenPop current, Instant serverTime, String callPhase,
                       Instant wrapUpUntil) {
            this(version, login, name, role, state, stateReason, stateSince, current, serverTime, callPhase,
                    wrapUpUntil, null, null);
        }
    }

    /** The screen-pop, sent only to the operator the call is offered to, before its phone rings. */
    record ScreenPop(String callId, Instant offeredAt, String callingNumber, Views.CustomerCard customer,
                     Views.MenuTrail trail, List<Views.TicketSummary> openTickets, List<Views.Contact> lastContacts,
                     Views.OutageInfo outage, String ticketId, Views.TransferInfo transferredBy) implements ServerMessage {
        /** A pop of a call nobody passed on. */
        public ScreenPop(String callId, Instant offeredAt, String callingNumber, Views.CustomerCard customer,
                         Views.MenuTrail trail, List<Views.TicketSummary> openTickets, List<Views.Contact> lastContacts,
                         Views.OutageInfo outage, String ticketId) {
            this(callId, offeredAt, callingNumber, customer, trail, openTickets, lastContacts, outage, ticketId, null);
        }

        public ScreenPop withTransfer(Views.TransferInfo transfer) {
            return new ScreenPop(callId, offeredAt, callingNumber, customer, trail, openTickets, lastContacts, outage,
                    ticketId, transfer);
        }
    }

    record CallConnected(String callId, Instant at) implements ServerMessage {}

    /**
     * The caller is on hold ({@code held}, since {@code at}) or back with the operator; {@code heldSeconds} is the
     * length of the hold that ended (0 when it starts).
     */
    record CallHoldChanged(String callId, boolean held, long heldSeconds, Instant at) implements ServerMessage {}

    /** The conversation ended; wrap-up runs until {@code wrapUpUntil} unless the operator ends it. */
    record CallFinished(String callId, Instant at, Instant wrapUpUntil) implements ServerMessage {}

    record CallbackOffer(long callbackId, String attemptId, String number, Views.CustomerCard customer,
                         long originalWaitSeconds, int attempt, String reason) implements ServerMessage {}

    record StateChanged(String login, OperatorState state, String reason, Instant since) implements ServerMessage {}

    /** Supervisors: the live picture, at least once per second while something changes. */
    record QueueSnapshot(Instant at, List<Views.QueueStats> queues, List<Views.OperatorRow> operators,
                         List<Views.Alert> recentAlerts) implements ServerMessage {}

    record Alert(Views.Alert alert) implements ServerMessage {}

    record KbSuggestions(String replyTo, List<Views.KbArticle> articles) implements ServerMessage {}

    /** The command {@code replyTo} was done; {@code detail} may carry an id (e.g. a new ticket's). */
    record Ack(String replyTo, String detail) implements ServerMessage {}

    /** The command {@code replyTo} (may be null when it could not be read) was refused; the connection stays up. */
    record ErrorReply(String replyTo, String code, String message) implements ServerMessage {}

    /** A later turn of a test-phone call started by this login (hold announcements, connected, ended). */
    record PhoneTurnPushed(Views.PhoneTurn turn) implements ServerMessage {}

    /** Demo desk: a text the demo "sent" to the number this login's test phone called from (nothing left the machine). */
    record PhoneText(String to, String body, Instant at) implements ServerMessage {}

    /**
     * The offered call went elsewhere before it was answered: {@code reason} is {@link #NOT_ANSWERED} (the ring
     * timed out: the call went back to the queue, this operator is now missed) or {@link #CALLER_HUNG_UP}.
     */
    record CallOfferWithdrawn(String callId, String reason, Instant at) implements ServerMessage {
        public static final String NOT_ANSWERED = "not answered";
        public static final String CALLER_HUNG_UP = "caller hung up";
        /** To a consulted operator: the consultation ended without the caller being passed to them. */
        public static final String CONSULT_ENDED = "consult ended";
    }

    /**
     * To the consulting operator: their consultation about {@code callId} with {@code to} (a login) is
     * {@code ringing}, {@code talking} (the colleague answered; complete or cancel now), {@code ended} ({@code outcome}
     * {@code completed}, {@code cancelled}, {@code not-answered}, {@code target-left}, {@code consultant-left},
     * {@code caller-left}) or {@code refused} (nothing changed; {@code detail} says why).
     */
    record ConsultChanged(String callId, String to, String stage, String outcome, String detail, Instant at)
            implements ServerMessage {
        public static final String RINGING = "ringing";
        public static final String TALKING = "talking";
        public static final String ENDED = "ended";
        public static final String REFUSED = "refused";
    }

    /**
     * Listening in: to the supervisor, their listening-in {@code spy} started or changed mode ({@code stage}
     * {@code on}) or ended ({@link #ENDED}, {@code outcome} {@code stopped}, {@code call-ended},
     * {@code transferred} or {@code hung-up}: the supervisor's phone left by itself); to the operator the same, but only while the supervisor whispers or barges (listening is
     * silent: an operator told of a whisper that becomes listening gets {@code ended}, outcome {@code stopped}).
     */
    record SpyChanged(Views.Spy spy, String stage, String outcome, Instant at) implements ServerMessage {
        public static final String ON = "on";
        public static final String ENDED = "ended";
        public static final String STOPPED = "stopped";
        public static final String CALL_ENDED = "call-ended";
        public static final String TRANSFERRED = "transferred";
        /** The supervisor's phone left the call by itself (hung up on a PBX or Twilio). */
        public static final String HUNG_UP = "hung-up";
    }

    /**
     * Callbacks were requested, offered, answered or failed since the last one: read {@code GET /api/callbacks}
     * again. Sent to every desk, at most once a second.
     */
    record CallbacksChanged(Instant at) implements ServerMessage {}
}
