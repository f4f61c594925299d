package dev.frontline.server.twilio;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.CallbackOutcome;
import dev.frontline.core.common.CallId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Webhooks of a callback placed by {@link TwilioCallConnector#originateCallback}: the operator leg's status, the
 * customer answering (the dialled Number's {@code url}) and the end of the Dial to the customer. Outcomes go to the
 * ACD by attempt id; a conversation ends with {@code callEnded(new CallId(attemptId))}. Stateless, thread-safe.
 */
final class TwilioCallbacks {
    private static final Logger LOG = LoggerFactory.getLogger(TwilioCallbacks.class);
    private static final Pattern ATTEMPT = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Acd acd;

    TwilioCallbacks(Acd acd) {
        this.acd = acd;
    }

    /** The operator leg's status: only a leg that never answered is an outcome (completed is the normal end). */
    void operatorLegStatus(Map<String, String> form, Map<String, String> query) {
        String attempt = attempt(query);
        String status = TwilioVoice.required(form, "CallStatus");
        switch (status) {
            case "no-answer", "busy", "canceled" ->
                    acd.callbackFailed(attempt, CallbackOutcome.OPERATOR_NO_ANSWER, "operator phone: " + status);
            case "failed" -> acd.callbackFailed(attempt, CallbackOutcome.FAILED, "operator phone could not be called");
            default -> LOG.debug("callback {}: operator leg {}", attempt, status);
        }
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
