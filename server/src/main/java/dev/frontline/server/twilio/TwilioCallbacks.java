package dev.frontline.server.twilio;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.CallbackOutcome;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Webhooks of a callback placed by {@link TwilioCallConnector#originateCallback}: the operator leg's status (its
 * answer adds the customer to the callback's conference, ADR 0138) and the customer participant's status. Outcomes
 * go to the ACD by attempt id; a conversation ends with {@code callEnded(new CallId(attemptId))}. The customer
 * answering and the end of a {@code <Dial>} to the customer are kept for callbacks placed before ADR 0138. The
 * outcomes need no state (a restart between two callbacks loses none); thread-safe.
 */
final class TwilioCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioCallbacks.class);
    private static final Pattern ATTEMPT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Acd acd;
    private final CallbackConference conference;

    TwilioCallbacks(Acd acd, CallbackConference conference) {
        this.acd = acd;
        this.conference = conference;
    }

    /** The operator leg's status: only a leg that never answered is an outcome (completed is the normal end). */
    void operatorLegStatus(Map<String, String> form, Map<String, String> query) {
        String attempt = attempt(query);
        String status = TwilioVoice.required(form, "CallStatus");
        switch (status) {
            case "no-answer", "busy", "canceled" ->
                    acd.callbackFailed(attempt, CallbackOutcome.OPERATOR_NO_ANSWER, "operator phone: " + status);
            case "failed" -> acd.callbackFailed(attempt, CallbackOutcome.FAILED, "operator phone could not be called");
            case "in-progress" -> {
                String leg = TwilioVoice.required(form, "CallSid");
                if (!TwilioVoice.isCallSid(leg)) {
                    throw new BadWebhook("CallSid must be CA followed by 32 hex digits, not '" + leg + "'");
                }
                conference.operatorAnswered(attempt, leg);
            }
            case "completed" -> conference.operatorLegEnded(attempt, form.get("CallSid"));
            default -> LOG.debug("callback {}: operator leg {}", attempt, status);
        }
        if (!status.equals("in-progress") && !status.equals("completed") && !status.equals("initiated")
                && !status.equals("ringing") && !status.equals("queued")) {
            conference.operatorLegEnded(attempt, form.get("CallSid"));
        }
    }

    /**
     * The customer participant's call status, mapped as the {@code <Dial>} to the customer was: answered
     * ({@code in-progress}) is {@code callbackAnswered}; {@code completed} (a participant that never answered ends
     * {@code no-answer}, {@code busy}, {@code failed} or {@code canceled}) ends the conversation; {@code no-answer},
     * {@code busy} and the rest are the customer's outcomes, and the operator's phone is hung up.
     */
    void customerStatus(Map<String, String> form, Map<String, String> query) {
        String attempt = attempt(query);
        String leg = TwilioVoice.required(form, "CallSid");
        if (!TwilioVoice.isCallSid(leg)) {
            throw new BadWebhook("CallSid must be CA followed by 32 hex digits, not '" + leg + "'");
        }
        String status = TwilioVoice.required(form, "CallStatus");
        switch (status) {
            case "queued", "initiated", "ringing" -> {
                LOG.debug("callback {}: customer leg {} {}", attempt, leg, status);
                return;
            }
            case "in-progress" -> {
                if (conference.customerAnswered(attempt, leg)) {
                    LOG.info("callback {}: customer answered", attempt);
                    acd.callbackAnswered(attempt);
                }
                return;
            }
            case "completed" -> acd.callEnded(new CallId(attempt));
            case "no-answer" -> acd.callbackFailed(attempt, CallbackOutcome.CUSTOMER_NO_ANSWER, "customer did not answer");
            case "busy" -> acd.callbackFailed(attempt, CallbackOutcome.CUSTOMER_BUSY, "customer busy");
            default -> acd.callbackFailed(attempt, CallbackOutcome.FAILED, "dialling the customer: " + status);
        }
        LOG.info("callback {}: customer leg ended ({})", attempt, LogSafe.of(status));
        conference.customerGone(attempt);
    }

    /** The customer picked up: the two are talking. An empty answer bridges the legs. */
    String customerAnswered(Map<String, String> query) {
        String attempt = attempt(query);
        LOG.info("callback {}: customer answered", attempt);
        acd.callbackAnswered(attempt);
        return TwimlRenderer.empty();
    }

    /** The Dial to the customer ended. */
    String customerDialEnded(Map<String, String> form, Map<String, String> query) {
        String attempt = attempt(query);
        String status = TwilioVoice.required(form, "DialCallStatus");
        switch (status) {
            case "completed", "answered" -> acd.callEnded(new CallId(attempt));
            case "no-answer" -> acd.callbackFailed(attempt, CallbackOutcome.CUSTOMER_NO_ANSWER, "customer did not answer");
            case "busy" -> acd.callbackFailed(attempt, CallbackOutcome.CUSTOMER_BUSY, "customer busy");
            default -> acd.callbackFailed(attempt, CallbackOutcome.FAILED, "dialling the customer: " + status);
        }
        LOG.info("callback {}: customer leg ended ({})", attempt, status);
        return TwimlRenderer.hangUp();
    }

    private static String attempt(Map<String, String> query) {
        String a = query.get("attempt");
        if (a == null || !ATTEMPT.matcher(a).matches()) {
            throw new BadWebhook("query parameter attempt must be a callback attempt id, got '" + a + "'");
        }
        return a;
    }
}
