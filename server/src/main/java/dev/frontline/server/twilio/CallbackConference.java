package dev.frontline.server.twilio;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import com.twilio.http.HttpMethod;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.rest.api.v2010.account.conference.Participant;
import com.twilio.rest.api.v2010.account.conference.ParticipantUpdater;
import com.twilio.type.PhoneNumber;
import dev.frontline.core.acd.Acd;
import dev.frontline.core.acd.CallbackOutcome;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.LogSafe;
import dev.frontline.core.common.OperatorId;
import dev.frontline.server.twilio.CallbackCalls.Offer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.regex.Pattern;

/**
 * Callback calls on Twilio in their own conference {@code fl-<attemptId>} (ADR 0138, 0147, 0151): the operator's call
 * placed into it, the customer added when the operator answers, hold of the customer's participant, a cold transfer
 * (the colleague added as a participant), a consultation (the colleague added while the customer holds; complete or
 * cancel) and the legs' status callbacks. What the backend knows of each callback is kept in {@code twilio_callbacks}
 * ({@link CallbackCalls}), so a restarted server goes on with it. REST requests run on the REST executor; controls
 * return at once. Thread-safe.
 */
final class CallbackConference {
    private static final Logger LOG = LoggerFactory.getLogger(CallbackConference.class);
    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private final TwilioRestClient client;
    private final TwilioConfig config;
    private final TwimlRenderer twiml;
    private final CallbackCalls calls;
    private final Acd acd;
    private final ExecutorService executor;

    CallbackConference(TwilioRestClient client, TwilioConfig config, TwimlRenderer twiml, CallbackCalls calls, Acd acd,
                       ExecutorService executor) {
        this.client = client;
        this.config = config;
        this.twiml = twiml;
        this.calls = calls;
        this.acd = acd;
        this.executor = executor;
    }

    /** True when {@code callId} is a callback call of this backend (in its conference, known here or in the store). */
    boolean isCallback(CallId callId) {
        return CallConnector.isCallback(callId) && calls.find(callId.value()).isPresent();
    }

    // --- placing the callback ---

    /** The callback's operator call is being placed into the conference {@code fl-<attemptId>}. */
    void placed(String attemptId, OperatorId operator, String customer, String callerId) {
        calls.put(attemptId, CallbackCalls.Call.placed(operator, null, customer, callerId));
    }

    /**
     * Twilio took the callback's operator call: its CallSid. An attempt over meanwhile (withdrawn while Twilio's answer
     * was on its way) has that call hung up: nobody would answer for it.
     */
    void operatorLeg(String attemptId, String operatorLeg) {
        if (calls.update(attemptId, c -> c.operatorLeg() != null ? c : c.withOperator(c.operator(), operatorLeg))
                .isEmpty()) {
            hangUp(attemptId, operatorLeg, "its attempt is over");
        }
    }

    /**
     * The attempt was withdrawn while being placed (its caller came back on the line, issue 23): the operator's call is
     * hung up, a customer already being rung is let go, and the attempt is forgotten, so a late answer calls nobody.
     */
    void cancel(String attemptId) {
        CallbackCalls.Call c = calls.remove(attemptId).orElse(null);
        if (c == null) {
            return;
        }
        c.customerLeg().ifPresent(customer -> deleteParticipant(attemptId, c, customer, "the callback was withdrawn"));
        if (c.operatorLeg() != null) {
            hangUp(attemptId, c.operatorLeg(), "the callback was withdrawn");
        }
    }

    private void hangUp(String attemptId, String leg, String why) {
        later("hanging up the operator's call " + leg + " of callback " + attemptId, () -> {
            try {
                Call.updater(leg).setStatus(Call.UpdateStatus.COMPLETED).update(client);
                LOG.info("callback {}: the operator's call {} hung up ({})", attemptId, leg, why);
            } catch (ApiException e) {
                LOG.debug("callback {}: the operator's call is over already ({})", attemptId, e.getMessage());
            }
        });
    }

    /**
     * The callback's operator answered: the customer's phone is added to the conference ({@code From} = the callback's
     * caller id, {@code Timeout} = {@code twilio.ring-timeout}, {@code EndConferenceOnExit=true}: the customer leaving
     * ends it, as a caller). A create Twilio refuses fails the callback and hangs up the operator's phone.
     */
    void operatorAnswered(String attemptId, String operatorLeg) {
        CallbackCalls.Call[] asked = new CallbackCalls.Call[1];
        calls.update(attemptId, c -> {
            if (c.customerAsked()) {
                return c;
            }
            asked[0] = c.withOperator(c.operator(), operatorLeg).withCustomer(c.conferenceSid(), c.customerLeg(), true,
                    false);
            return asked[0];
        });
        CallbackCalls.Call c = asked[0];
        if (c == null) {
            return; // unknown or asked already
        }
        later("calling the customer of callback " + attemptId, () -> {
            Participant p;
            try {
                p = Participant.creator(TwimlRenderer.conferenceName(attemptId), new PhoneNumber(c.callerId()),
                                new PhoneNumber(c.customer()))
                        .setTimeout((int) config.ringTimeout().toSeconds())
                        .setStartConferenceOnEnter(true)
                        .setEndConferenceOnExit(true)
                        .setBeep("false")
                        .setStatusCallback(twiml.url(WebhookPaths.CALLBACK_CUSTOMER) + "?attempt=" + enc(attemptId))
                        .setStatusCallbackMethod(HttpMethod.POST)
                        .setStatusCallbackEvent(TwilioConference.OPERATOR_EVENTS)
                        .create(client);
            } catch (ApiException | ApiConnectionException e) {
                LOG.warn("callback {}: Twilio refused to call the customer: {}", attemptId, e.getMessage());
                calls.remove(attemptId);
                acd.callbackFailed(attemptId, CallbackOutcome.FAILED, "Twilio refused to call the customer: "
                        + e.getMessage());
                Call.updater(c.operatorLeg()).setStatus(Call.UpdateStatus.COMPLETED).update(client);
                return;
            }
            calls.update(attemptId, x -> x.withCustomer(Optional.ofNullable(p.getConferenceSid()),
                    x.customerLeg().isPresent() ? x.customerLeg() : Optional.ofNullable(p.getCallSid()), true,
                    x.answered()));
            LOG.info("callback {}: calling the customer (leg {})", attemptId, p.getCallSid());
        });
    }

    /** The customer answered: true the first time (the callback's conversation starts). */
    boolean customerAnswered(String attemptId, String leg) {
        boolean[] first = {true};
        calls.update(attemptId, c -> {
            first[0] = !c.answered();
            return c.withCustomer(c.conferenceSid(), Optional.of(leg), true, true);
        });
        return first[0];
    }

    /** The customer's leg ended: the operator's phone, a colleague still rung and a consulted colleague are let go. */
    void customerGone(String attemptId) {
        CallbackCalls.Call c = calls.remove(attemptId).orElse(null);
        if (c == null) {
            return;
        }
        c.offer().flatMap(Offer::leg).ifPresent(leg -> deleteParticipant(attemptId, c, leg, "the customer hung up"));
        c.consult().flatMap(TwilioCalls.Consult::leg).ifPresent(leg -> deleteParticipant(attemptId, c, leg,
                "the customer hung up during the consultation"));
        if (c.operatorLeg() != null) {
            hangUp(attemptId, c.operatorLeg(), "the customer hung up");
        }
    }

    /** The operator's call ended before the customer answered: a customer still being rung is let go. */
    void over(String attemptId) {
        CallbackCalls.Call c = calls.remove(attemptId).orElse(null);
        if (c != null && !c.answered() && c.customerLeg().isPresent()) {
            later("letting go of the customer of callback " + attemptId, () ->
                    Participant.deleter(c.conference(attemptId), c.customerLeg().get()).delete(client));
        }
    }

    /**
     * The first operator's call of a callback ended ({@code leg}: its CallSid, when the webhook gave one). Before the
     * customer answered: {@link #over}. While it talks with the customer: the conversation is over and the customer's
     * call is hung up (the customer's status then ends the call for the ACD), unless that operator was consulting a
     * colleague: then it is their leaving the consultation. A leg that left by a transfer ends nothing.
     */
    void operatorLegEnded(String attemptId, String leg) {
        CallbackCalls.Call c = calls.find(attemptId).orElse(null);
        if (c == null || !c.answered()) {
            over(attemptId);
            return;
        }
        if (leg == null || leg.equals(c.operatorLeg())) {
            talkingLegEnded(attemptId, c.operator(), c.operatorLeg(), "its operator hung up");
        }
    }

    /** The talking operator's leg ended: a consulting operator left the consultation, else the customer is hung up. */
    private void talkingLegEnded(String attemptId, OperatorId operator, String leg, String why) {
        boolean[] consulting = {false};
        Optional<CallbackCalls.Call> now = calls.update(attemptId, x -> {
            if (x.consult().filter(k -> k.from().equals(operator.value())).isEmpty() || leg == null
                    || !leg.equals(x.operatorLeg())) {
                return x;
            }
            consulting[0] = true;
            return x.withOperator(x.operator(), null);
        });
        if (consulting[0]) {
            LOG.info("callback {}: {} hung up during the consultation", attemptId, operator);
            acd.consultantLeft(new CallId(attemptId), operator);
            return;
        }
        now.ifPresent(c -> hangUpCustomer(attemptId, c, why));
    }

    private void hangUpCustomer(String attemptId, CallbackCalls.Call c, String why) {
        c.customerLeg().ifPresent(customer -> later("hanging up the customer of callback " + attemptId, () -> {
            try {
                Call.updater(customer).setStatus(Call.UpdateStatus.COMPLETED).update(client);
                LOG.info("callback {}: customer hung up ({})", attemptId, why);
            } catch (ApiException e) {
                LOG.debug("callback {}: the customer's call is over already ({})", attemptId, e.getMessage());
            }
        }));
    }

    // --- controls ---

    /** The callback {@code operator} talks on, with its customer answered; else empty. */
    Optional<CallbackCalls.Call> talking(CallId callId, OperatorId operator) {
        return calls.find(callId.value()).filter(c -> c.answered() && c.operatorLeg() != null
                && c.operator().equals(operator));
    }

    /** True when the customer answered and an operator talks with them (hold needs both participants). */
    boolean canHold(CallId callId) {
        return calls.find(callId.value()).map(c -> c.answered() && c.operatorLeg() != null
                && c.customerLeg().isPresent()).orElse(false);
    }

    /** Hold: the customer's participant {@code Hold=true&HoldUrl=<hold music>}; resume: {@code Hold=false}. */
    void hold(CallId callId, OperatorId operator, boolean on) {
        CallbackCalls.Call c = talking(callId, operator).orElse(null);
        if (c == null || c.customerLeg().isEmpty()) {
            LOG.warn("{} callback {}: {} is not talking on it here", on ? "hold" : "resume", callId, operator);
            return;
        }
        later("hold " + on + " of callback " + callId, () -> {
            ParticipantUpdater u = Participant.updater(c.conference(callId.value()), c.customerLeg().get()).setHold(on);
            if (on) {
                u.setHoldUrl(twiml.holdMusicUrl()).setHoldMethod(HttpMethod.GET);
            }
            u.update(client);
            LOG.info("callback {}: {} by {}", callId, on ? "customer on hold" : "customer taken back", operator);
        });
    }

    /**
     * The customer answered in its conference (on this server or before a restart): the operator can leave it and the
     * customer waits there for the next one. A callback this backend does not know cannot.
     */
    boolean canTransfer(CallId callId) {
        return calls.find(callId.value()).map(c -> c.answered() && c.customerLeg().isPresent()).orElse(false);
    }

    /** Cold transfer: the customer is held (music) and the operator's participant leaves. */
    void release(CallId callId, OperatorId operator) {
        String attempt = callId.value();
        CallbackCalls.Call[] left = new CallbackCalls.Call[1];
        calls.update(attempt, c -> {
            if (!c.operator().equals(operator) || c.operatorLeg() == null) {
                return c;
            }
            left[0] = c;
            return c.withOperator(c.operator(), null);
        });
        CallbackCalls.Call c = left[0];
        if (c == null) {
            LOG.warn("transfer of callback {}: {} is not talking on it here", callId, operator);
            return;
        }
        later("removing " + operator + " from callback " + callId, () -> {
            // held first: the customer hears the hold music, not an empty conference, until the next operator answers
            c.customerLeg().ifPresent(customer -> Participant.updater(c.conference(attempt), customer).setHold(true)
                    .setHoldUrl(twiml.holdMusicUrl()).setHoldMethod(HttpMethod.GET).update(client));
            Participant.deleter(c.conference(attempt), c.operatorLeg()).delete(client);
            LOG.info("callback {}: {} left the conference (transferred); the customer waits on hold", callId, operator);
        });
    }

    /** The ACD withdrew the offer to {@code operator}: a colleague's participant still ringing for it leaves. */
    void withdraw(CallId callId, OperatorId operator) {
        Offer[] withdrawn = new Offer[1];
        Optional<CallbackCalls.Call> now = calls.update(callId.value(), c -> {
            if (c.offer().filter(o -> o.operator().equals(operator)).isEmpty()) {
                return c;
            }
            withdrawn[0] = c.offer().get();
            return c.withOffer(Optional.empty());
        });
        if (withdrawn[0] != null && now.isPresent()) {
            withdrawn[0].leg().ifPresent(leg -> deleteParticipant(callId.value(), now.get(), leg, "the offer to "
                    + operator + " was withdrawn"));
        }
    }

    /** The operator participant's {@code Muted}; IllegalStateException when {@code operator} does not talk on it. */
    void mute(CallId callId, OperatorId operator, boolean on) {
        CallbackCalls.Call c = talking(callId, operator).orElseThrow(() ->
                new IllegalStateException(operator + " is not talking on call " + callId));
        later("mute " + on + " of " + callId, () -> {
            Participant.updater(c.conference(callId.value()), c.operatorLeg()).setMuted(on).update(client);
            LOG.info("call {}: {} {}", callId, operator, on ? "muted" : "unmuted");
        });
    }

    /**
     * Rings {@code operator} for a transferred callback call: its phone is added to {@code fl-<attemptId>}
     * ({@code EndConferenceOnExit=false}, status callbacks to {@link WebhookPaths#CALLBACK_OPERATOR}). Empty when
     * Twilio took the participant (the ACD's ring timer starts), else Twilio's failure in words (the customer stays in
     * the conference, on hold, for the next offer).
     */
    Optional<String> connect(CallId callId, OperatorId operator, com.twilio.type.Endpoint to) {
        String attempt = callId.value();
        Offer asked = new Offer(operator, Optional.empty());
        Optional<CallbackCalls.Call> found = calls.update(attempt, c -> c.customerLeg().isEmpty() ? c
                : c.withOffer(Optional.of(asked)));
        if (found.isEmpty() || found.get().customerLeg().isEmpty()) {
            return Optional.of("the callback's customer is not in its conference here");
        }
        CallbackCalls.Call c = found.get();
        Participant p;
        try {
            p = Participant.creator(c.conference(attempt), new PhoneNumber(config.fromNumber()), to)
                    .setTimeout((int) config.ringTimeout().toSeconds())
                    .setStartConferenceOnEnter(true)
                    .setEndConferenceOnExit(false)
                    .setBeep("false")
                    .setStatusCallback(twiml.url(WebhookPaths.CALLBACK_OPERATOR) + "?attempt=" + enc(attempt)
                            + "&operator=" + enc(operator.value()))
                    .setStatusCallbackMethod(HttpMethod.POST)
                    .setStatusCallbackEvent(TwilioConference.OPERATOR_EVENTS)
                    .create(client);
        } catch (ApiException e) {
            forgetOffer(attempt, asked);
            return Optional.of("adding the operator to the callback's conference: Twilio " + e.getStatusCode()
                    + (e.getCode() == null ? "" : " error " + e.getCode()) + ": " + e.getMessage());
        } catch (ApiConnectionException e) {
            forgetOffer(attempt, asked);
            return Optional.of("adding the operator to the callback's conference: Twilio unreachable: " + e.getMessage());
        }
        String leg = p.getCallSid();
        boolean[] offered = {leg == null};
        if (leg != null) {
            calls.update(attempt, x -> {
                if (!x.offer().map(asked::equals).orElse(false)) {
                    return x;
                }
                offered[0] = true;
                return x.withOffer(Optional.of(new Offer(operator, Optional.of(leg))));
            });
        }
        if (!offered[0]) {
            deleteParticipant(attempt, c, leg, "the offer to " + operator + " was withdrawn meanwhile");
            return Optional.empty();
        }
        acd.phoneRinging(callId, operator);
        LOG.info("callback {}: ringing {} after a transfer (leg {})", attempt, operator, leg);
        return Optional.empty();
    }

    private void forgetOffer(String attempt, Offer asked) {
        calls.update(attempt, x -> x.offer().map(asked::equals).orElse(false) ? x.withOffer(Optional.empty()) : x);
    }

    /**
     * A colleague's participant in a callback's conference (query {@code attempt}, {@code operator}, and
     * {@code consult=1} for a consulted colleague). A transferred call's colleague: its answer makes it the call's
     * operator (the customer is taken off hold); no-answer, busy, failed, canceled or an unanswered end is
     * ring-no-answer (the customer waits for the next offer); the end of the call it talks on hangs up the customer
     * (or, consulting, is its leaving the consultation). A late answer of a withdrawn offer is hung up.
     */
    void operatorStatus(Map<String, String> form, Map<String, String> query) {
        String attempt = query.get("attempt");
        if (attempt == null || !CallConnector.isCallback(new CallId(attempt)) || !LOGIN.matcher(attempt).matches()) {
            throw new BadWebhook("query parameter attempt must be a callback attempt id, got '" + attempt + "'");
        }
        String login = query.get("operator");
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw new BadWebhook("query parameter operator must be an operator login, got '" + login + "'");
        }
        String leg = TwilioVoice.required(form, "CallSid");
        if (!TwilioVoice.isCallSid(leg)) {
            throw new BadWebhook("CallSid must be CA followed by 32 hex digits, not '" + leg + "'");
        }
        String status = TwilioVoice.required(form, "CallStatus");
        OperatorId operator = new OperatorId(login);
        if ("1".equals(query.get("consult")) && consultLeg(attempt, operator, leg, status)) {
            return; // a consulted colleague's leg; once the transfer completed it is the call's operator leg (below)
        }
        CallId id = new CallId(attempt);
        CallbackCalls.Call c = calls.find(attempt).orElse(null);
        switch (status) {
            case "in-progress" -> {
                boolean[] answered = {false};
                Optional<CallbackCalls.Call> now = c == null ? Optional.empty() : calls.update(attempt, x -> {
                    if (!offeredHere(x, operator, leg)) {
                        return x;
                    }
                    answered[0] = true;
                    return x.withOperator(operator, leg).withOffer(Optional.empty())
                            .withCustomer(x.conferenceSid(), x.customerLeg(), true, x.answered());
                });
                if (!answered[0]) {
                    if (now.isPresent() && !leg.equals(now.get().operatorLeg())) {
                        deleteParticipant(attempt, now.get(), leg, "late answer of " + operator + ", no longer offered");
                    }
                    return;
                }
                acd.operatorAnswered(id, operator);
                LOG.info("callback {}: {} answered the transfer", attempt, operator);
                CallbackCalls.Call x = now.get();
                x.customerLeg().ifPresent(customer -> later("taking back the customer of callback " + attempt, () ->
                        Participant.updater(x.conference(attempt), customer).setHold(false).update(client)));
            }
            case "no-answer", "busy", "failed", "canceled", "completed" -> {
                if (c != null && status.equals("completed") && leg.equals(c.operatorLeg())) {
                    talkingLegEnded(attempt, operator, leg, "its operator " + operator + " hung up");
                    return;
                }
                boolean[] missed = {false};
                if (c != null) {
                    calls.update(attempt, x -> {
                        if (!offeredHere(x, operator, leg)) {
                            return x;
                        }
                        missed[0] = true;
                        return x.withOffer(Optional.empty());
                    });
                }
                if (missed[0]) {
                    acd.ringNoAnswer(id, operator, "operator phone: " + (status.equals("completed")
                            ? "completed unanswered" : status));
                }
            }
            default -> LOG.debug("callback {}: {}'s leg {} {}", attempt, operator, leg, LogSafe.of(status));
        }
    }

    private static boolean offeredHere(CallbackCalls.Call c, OperatorId operator, String leg) {
        return c.offer().filter(o -> o.operator().equals(operator) && o.leg().map(leg::equals).orElse(true))
                .isPresent();
    }

    // --- consultation (warm transfer) of a callback call, ADR 0151 ---

    /** True when the customer answered and an operator talks with them, and no consultation runs. */
    boolean canConsult(CallId callId) {
        return canHold(callId) && calls.find(callId.value()).map(c -> c.consult().isEmpty()).orElse(false);
    }

    /**
     * One consultation step in {@code fl-<attemptId>} (the customer's participant is held already, by the ACD's
     * {@code CallHeld}): EXPECT remembers it; RING adds the colleague's phone as a participant (status callbacks to
     * {@link WebhookPaths#CALLBACK_OPERATOR} with {@code consult=1}); COMPLETE makes the colleague the call's
     * operator, removes the first operator's leg and takes the customer back ({@code Hold=false}); CANCEL and DROP
     * remove the colleague's participant (a resume follows a CANCEL). A participant Twilio refuses, or an endpoint it
     * cannot ring, is {@code consultFailed}.
     */
    void consult(CallId callId, OperatorId from, OperatorId to, String endpoint, CallConnector.ConsultStep step) {
        String attempt = callId.value();
        switch (step) {
            case EXPECT -> {
                boolean[] talking = {false};
                calls.update(attempt, c -> {
                    if (!c.answered() || c.operatorLeg() == null || !c.operator().equals(from)) {
                        return c;
                    }
                    talking[0] = true;
                    return c.withConsult(Optional.of(new TwilioCalls.Consult(from.value(), to.value(), Optional.empty(),
                            false)));
                });
                if (!talking[0]) {
                    LOG.warn("consult on callback {}: {} is not talking on it here", callId, from);
                }
            }
            case RING -> later("consultation of callback " + callId + " with " + to, () -> ringColleague(callId, from, to,
                    endpoint));
            case COMPLETE -> {
                String[] first = new String[1];
                boolean[] done = {false};
                Optional<CallbackCalls.Call> now = calls.update(attempt, c -> {
                    TwilioCalls.Consult k = c.consult().orElse(null);
                    if (k == null || !k.to().equals(to.value()) || !k.answered() || k.leg().isEmpty()) {
                        return c;
                    }
                    done[0] = true;
                    first[0] = c.operatorLeg();
                    return c.withOperator(to, k.leg().get()).withConsult(Optional.empty());
                });
                if (!done[0]) {
                    LOG.warn("complete transfer of callback {} to {}: no answered consultation here", callId, to);
                    return;
                }
                CallbackCalls.Call c = now.get();
                if (first[0] != null) {
                    deleteParticipant(attempt, c, first[0], from + " completed the transfer to " + to);
                }
                c.customerLeg().ifPresent(customer -> later("taking back the customer of callback " + attempt, () -> {
                    Participant.updater(c.conference(attempt), customer).setHold(false).update(client);
                    LOG.info("callback {}: the customer handed to {}", attempt, to);
                }));
            }
            case CANCEL, DROP -> {
                String[] leg = new String[1];
                Optional<CallbackCalls.Call> now = calls.update(attempt, c -> {
                    TwilioCalls.Consult k = c.consult().orElse(null);
                    if (k == null || !k.to().equals(to.value())) {
                        return c;
                    }
                    leg[0] = k.leg().orElse(null);
                    return c.withConsult(Optional.empty());
                });
                if (leg[0] != null && now.isPresent()) {
                    deleteParticipant(attempt, now.get(), leg[0], "the consultation with " + to + " ended");
                }
            }
        }
    }

    private void ringColleague(CallId callId, OperatorId from, OperatorId to, String endpoint) {
        String attempt = callId.value();
        CallbackCalls.Call c = calls.find(attempt).filter(x -> x.consult().filter(k -> k.to().equals(to.value())
                && k.leg().isEmpty()).isPresent()).orElse(null);
        if (c == null) {
            LOG.info("consultation of callback {} with {} ended before its ring: not rung", callId, to);
            return;
        }
        com.twilio.type.Endpoint phone = endpoint == null ? null : TwilioCallConnector.restEndpoint(endpoint);
        String failure;
        if (phone == null) {
            failure = "endpoint '" + endpoint + "' of " + to + " cannot be dialled by Twilio (+E164, sip:... or client:...)";
        } else {
            try {
                Participant p = Participant.creator(c.conference(attempt), new PhoneNumber(config.fromNumber()), phone)
                        .setTimeout((int) config.ringTimeout().toSeconds())
                        .setStartConferenceOnEnter(true)
                        .setEndConferenceOnExit(false)
                        .setBeep("false")
                        .setStatusCallback(twiml.url(WebhookPaths.CALLBACK_OPERATOR) + "?attempt=" + enc(attempt)
                                + "&operator=" + enc(to.value()) + "&consult=1")
                        .setStatusCallbackMethod(HttpMethod.POST)
                        .setStatusCallbackEvent(TwilioConference.OPERATOR_EVENTS)
                        .create(client);
                String leg = p.getCallSid();
                boolean[] kept = {leg == null};
                Optional<CallbackCalls.Call> now = leg == null ? calls.find(attempt) : calls.update(attempt, x -> {
                    TwilioCalls.Consult k = x.consult().orElse(null);
                    if (k == null || !k.to().equals(to.value()) || k.leg().map(l -> !l.equals(leg)).orElse(false)) {
                        // its callbacks overtook the create's answer and the transfer completed with this leg: keep it
                        kept[0] = leg.equals(x.operatorLeg());
                        return x;
                    }
                    kept[0] = true;
                    return k.leg().isPresent() ? x : x.withConsult(Optional.of(k.withLeg(leg)));
                });
                if (!kept[0]) {
                    now.ifPresent(x -> deleteParticipant(attempt, x, leg, "the consultation with " + to
                            + " ended meanwhile"));
                    return;
                }
                LOG.info("callback {}: {} consults {}: ringing {} (leg {})", callId, from, to, LogSafe.of(endpoint), leg);
                return;
            } catch (ApiException e) {
                failure = "Twilio refused the colleague's participant: Twilio " + e.getStatusCode()
                        + (e.getCode() == null ? "" : " error " + e.getCode()) + ": " + e.getMessage();
            } catch (ApiConnectionException e) {
                failure = "Twilio unreachable: " + e.getMessage();
            }
        }
        LOG.warn("callback {}: consultation with {} failed: {}", callId, to, failure);
        calls.update(attempt, x -> x.consult().filter(k -> k.to().equals(to.value())).isPresent()
                ? x.withConsult(Optional.empty()) : x);
        acd.consultFailed(callId, to, failure); // the customer is back with the first operator
    }

    /**
     * A status callback of a consulted colleague's participant: {@code in-progress} is {@code consultAnswered};
     * {@code busy}, {@code no-answer}, {@code failed}, {@code canceled} or {@code completed} end the consultation
     * ({@code consultFailed}; the customer is back with the first operator). False when no consultation with that
     * leg runs (the transfer completed: the leg is the call's operator leg now).
     */
    private boolean consultLeg(String attempt, OperatorId to, String leg, String status) {
        String[] outcome = new String[1];
        calls.update(attempt, c -> {
            TwilioCalls.Consult k = c.consult().orElse(null);
            if (k == null || !k.to().equals(to.value()) || k.leg().map(l -> !l.equals(leg)).orElse(false)) {
                return c;
            }
            switch (status) {
                case "in-progress", "answered" -> {
                    outcome[0] = k.answered() ? "" : "answered";
                    return k.answered() ? c : c.withConsult(Optional.of(new TwilioCalls.Consult(k.from(), k.to(),
                            Optional.of(leg), true)));
                }
                case "busy", "no-answer", "failed", "canceled", "completed" -> {
                    outcome[0] = k.answered() ? "hung up" : status.equals("completed") ? "declined" : status;
                    return c.withConsult(Optional.empty());
                }
                default -> {
                    outcome[0] = "";
                    return k.leg().isPresent() ? c : c.withConsult(Optional.of(k.withLeg(leg)));
                }
            }
        });
        if (outcome[0] == null) {
            return false;
        }
        CallId id = new CallId(attempt);
        if (outcome[0].equals("answered")) {
            acd.consultAnswered(id, to);
            LOG.info("callback {}: {} answered the consultation (leg {})", attempt, to, leg);
        } else if (!outcome[0].isEmpty()) {
            acd.consultFailed(id, to, outcome[0]);
            LOG.info("callback {}: the consultation with {} ended ({})", attempt, to, LogSafe.of(outcome[0]));
        }
        return true;
    }

    // --- helpers ---

    private void deleteParticipant(String attemptId, CallbackCalls.Call c, String leg, String why) {
        later("removing leg " + leg + " of callback " + attemptId, () -> {
            Participant.deleter(c.conference(attemptId), leg).delete(client);
            LOG.info("callback {}: leg {} left the conference ({})", attemptId, leg, why);
        });
    }

    private void later(String what, Runnable rest) {
        RestLater.run(executor, LOG, what, rest);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
