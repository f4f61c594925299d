package dev.frontline.server.twilio;

/** The webhook paths under the public base URL. Point the Twilio number at {@link #VOICE} and {@link #STATUS}. */
public final class WebhookPaths {
    /** A call comes in (the number's "A call comes in" webhook). Optional query {@code flow=<name>}. */
    public static final String VOICE = "/twilio/voice";
    /** Digits (or none) in answer to a Gather. */
    public static final String GATHER = "/twilio/gather";
    /** The hold loop: a key pressed on hold, or the next announcement. */
    public static final String HOLD = "/twilio/hold";
    /** The Dial to an operator ended (answered and finished, or not answered). */
    public static final String DIAL = "/twilio/dial";
    /** The operator picked up (the {@code url} of the dialled Number/Sip/Client), query {@code call=<CallSid>}. */
    public static final String ANSWERED = "/twilio/answered";
    /** Call status changes (the number's "Call status changes" webhook). */
    public static final String STATUS = "/twilio/status";
    /** Delivery reports of texts (the StatusCallback of each message). */
    public static final String SMS_STATUS = "/twilio/sms-status";
    /** Status of a callback's operator leg, query {@code attempt=<id>}. */
    public static final String CALLBACK_STATUS = "/twilio/callback-status";
    /** The callback's Dial to the customer ended, query {@code attempt=<id>}. */
    public static final String CALLBACK_DIAL = "/twilio/callback-dial";
    /** The customer of a callback picked up (the dialled Number's {@code url}), query {@code attempt=<id>}. */
    public static final String CALLBACK_ANSWERED = "/twilio/callback-answered";
    /** The customer participant of a callback's conference (ADR 0138): its call's status callbacks. */
    public static final String CALLBACK_CUSTOMER = "/twilio/callback-customer";
    /**
     * A colleague's participant in a callback's conference after a transfer (ADR 0147): its call's status callbacks,
     * query {@code attempt=<id>&operator=<login>}.
     */
    public static final String CALLBACK_OPERATOR = "/twilio/callback-operator";
    /**
     * Status of an operator's (conference participant's) call: initiated, ringing, in-progress (answered), completed,
     * busy, no-answer, failed, canceled. Query {@code call=<caller's CallSid>&operator=<login>} names the offer.
     */
    public static final String PARTICIPANT = "/twilio/participant";
    /**
     * A supervisor's participant (ADR 0151): its call's status callbacks, query {@code call=<CallSid or attempt
     * id>&endpoint=<the supervisor's phone>}.
     */
    public static final String SUPERVISOR = "/twilio/supervisor";
    /** Events of the conference {@code fl-<CallSid>} (start, end, join, leave, hold, mute). */
    public static final String CONFERENCE = "/twilio/conference";
    /** The conference's recording is ready (or failed), query {@code call=<caller's CallSid>}. */
    public static final String RECORDING = "/twilio/recording";
    /** Recordings: {@code /sounds/<lang>/<key>.wav}. */
    public static final String SOUNDS = "/sounds";

    private WebhookPaths() {
    }
}
