package dev.frontline.core.call;

import dev.frontline.core.acd.CallbackRequest;
import dev.frontline.core.acd.NotConfirmed;
import dev.frontline.core.acd.QueueStatus;
import dev.frontline.core.acd.QueuedCall;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.customer.Customer;
import dev.frontline.core.customer.KnownCaller;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.customer.Outage;
import dev.frontline.core.flow.Flow;
import dev.frontline.core.flow.FlowInput;
import dev.frontline.core.flow.FlowNode;
import dev.frontline.core.flow.FlowSession;
import dev.frontline.core.flow.Instruction;
import dev.frontline.core.sms.SmsRequest;
import dev.frontline.core.sms.SmsResult;
import dev.frontline.core.store.CallRecordRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** Carries out the interpreter's effects through the ports and turns the outcome into the next input. */
final class EffectRunner {
    private static final Logger log = LoggerFactory.getLogger(EffectRunner.class);
    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HHmm");
    /** The longest a joining caller's thread waits for the ACD to route its enqueue before the first announcement. */
    static final Duration QUEUE_JOIN_WAIT = Duration.ofMillis(500);

    private final IvrPorts ports;
    private final CallRecordRepository calls;
    private final IvrSettings settings;

    EffectRunner(IvrPorts ports, CallRecordRepository calls, IvrSettings settings) {
        this.ports = ports;
        this.calls = calls;
        this.settings = settings;
    }

    FlowInput run(Instruction.Effect effect, FlowSession s, Flow flow) {
        CallId callId = new CallId(s.callId());
        Instant now = ports.clock().instant();
        if (effect instanceof Instruction.LookupCaller l) {
            Optional<KnownCaller> c = l.by() == FlowNode.LookupBy.NUMBER
                    ? byNumber(l.value())
                    : ports.customers().findByContract(l.value().trim()).map(KnownCaller::of);
            return c.map(x -> new FlowInput.LookupResult(true, x.id().value(), x.contractNumber(), x.language(),
                    x.hasMobile(), x.serviceArea())).orElse(FlowInput.LookupResult.notFound());
        }
        if (effect instanceof Instruction.VerifyPin v) {
            return new FlowInput.PinResult(ports.pins().verify(new CustomerId(v.customerId()), v.pin()));
        }
        if (effect instanceof Instruction.SendSms sms) {
            return sendSms(sms, s, flow);
        }
        if (effect instanceof Instruction.Enqueue q) {
            try {
                ports.acd().enqueue(new QueuedCall(callId, q.intent(), q.priority(), q.tier(), q.language(),
                        Optional.ofNullable(q.customerId()).map(CustomerId::new), e164(s.callingNumber()), s.backend(), now));
            } catch (NotConfirmed e) {
                log.warn("call {}: not queued: {}", callId, e.getMessage());
                withdraw(callId); // should it be logged after all (a late commit), nobody waits for an operator there
                return new FlowInput.NotConfirmed(e.getMessage());
            }
            calls.queued(callId);
            // what the joining caller hears: position and wait once the ACD has routed the enqueue (a few ms); no
            // status then means an operator was offered the call at once (or the ACD is behind): nothing to announce
            return ports.acd().statusAfterPending(callId, QUEUE_JOIN_WAIT).map(EffectRunner::info)
                    .orElse(new FlowInput.QueueInfo(true, 0, -1)).recorded(ports.recorded().test(q.tier(), q.intent()));
        }
        if (effect instanceof Instruction.QueryQueue) {
            return ports.acd().status(callId).map(EffectRunner::info).orElse(new FlowInput.QueueInfo(false, 0, -1));
        }
        if (effect instanceof Instruction.LeaveQueue leave) {
            // still queued, or offered to a phone that never answered: the caller left before an operator took it
            boolean waiting = ports.acd().statusAfterPending(callId, QUEUE_JOIN_WAIT).isPresent()
                    || !calls.wasAnswered(callId);
            if (leave.lineLost()) {
                ports.acd().lineLost(callId, "the PBX cut the line (restart or shutdown)");
            } else {
                ports.acd().callerHungUp(callId);
            }
            return new FlowInput.LeftQueue(waiting, leave.lineLost());
        }
        if (effect instanceof Instruction.KeepPlace k) {
            try {
                ports.acd().keepPlaceByCallback(callId, e164(k.number()));
            } catch (NotConfirmed e) {
                log.warn("call {}: keep-place callback not confirmed: {}", callId, e.getMessage());
                withdraw(callId);
                return new FlowInput.NotConfirmed(e.getMessage());
            }
            return new FlowInput.Done();
        }
        if (effect instanceof Instruction.RequestCallback r) {
            try {
                requestCallback(r, callId, now, s);
            } catch (NotConfirmed e) {
                log.warn("call {}: callback not confirmed: {}", callId, e.getMessage());
                return new FlowInput.NotConfirmed(e.getMessage());
            }
            return new FlowInput.Done();
        }
        if (effect instanceof Instruction.CheckOutage o) {
            Optional<Outage> outage = ports.outages().activeIn(o.area(), now);
            // an expected end already past is no estimate at all
            return new FlowInput.OutageResult(outage.isPresent(), outage.flatMap(Outage::expectedEnd)
                    .filter(end -> end.isAfter(now))
                    .map(end -> HHMM.format(end.atZone(settings.zone()))).orElse(null));
        }
        if (effect instanceof Instruction.CheckHours) {
            return new FlowInput.HoursResult(ports.hours().isOpen(now));
        }
        if (effect instanceof Instruction.EstimateWait w) {
            return new FlowInput.WaitEstimate(ports.acd().estimateWait(w.intent(), w.priority(), w.tier())
                    .map(Duration::toSeconds).orElse(-1L));
        }
        if (effect instanceof Instruction.RecordRating r) {
            calls.rate(callId, r.score());
            return new FlowInput.Done();
        }
        throw new IllegalStateException("no runner for " + effect);
    }

    /** The caller leaves for the fallback: the ACD lets go of the call should it be waiting there. */
    private void withdraw(CallId callId) {
        try {
            ports.acd().callerHungUp(callId);
        } catch (RuntimeException e) {
            log.warn("call {}: could not withdraw it from the ACD: {}", callId, e.toString());
        }
    }

    private static FlowInput.QueueInfo info(QueueStatus st) {
        return new FlowInput.QueueInfo(true, st.position(), st.estimatedWait().toSeconds());
    }

    /** Only to the mobile on file of the verified caller, never to the calling number. */
    private FlowInput sendSms(Instruction.SendSms sms, FlowSession s, Flow flow) {
        if (!s.verified() || s.customerId() == null || s.customerId() != sms.customerId()) {
            log.warn("call {}: SMS {} refused: caller not verified as customer {}", s.callId(), sms.purpose(), sms.customerId());
            return new FlowInput.SmsOutcome(false, "caller not verified");
        }
        Optional<Customer> customer = ports.customers().findById(new CustomerId(sms.customerId()));
        Optional<String> mobile = customer.flatMap(Customer::mobile);
        if (mobile.isEmpty()) return new FlowInput.SmsOutcome(false, "no mobile on file");
        Optional<String> template = flow.prompts().smsTemplate(sms.language(), sms.template()).map(t -> t.text());
        if (template.isEmpty()) return new FlowInput.SmsOutcome(false, "no SMS template " + sms.template());
        Customer c = customer.get();
        String body = template.get()
                .replace("{contract}", c.contractNumber())
                .replace("{login}", c.login() == null ? "" : c.login())
                .replace("{reset-link}", settings.resetLink().replace("{login}", c.login() == null ? "" : c.login()));
        SmsResult result = ports.sms().send(new SmsRequest(mobile.get(), body, sms.secret(), Optional.of(c.id()),
                sms.purpose()));
        return new FlowInput.SmsOutcome(result.accepted(), result.status() + (result.detail() == null ? "" : ": " + result.detail()));
    }

    private void requestCallback(Instruction.RequestCallback r, CallId callId, Instant now, FlowSession s) {
        String number = e164(r.number());
        Optional<Instant> windowStart = r.nextOpening() ? ports.hours().nextOpening(now) : Optional.empty();
        Optional<CustomerId> customer = Optional.ofNullable(r.customerId()).map(CustomerId::new);
        ports.acd().requestCallback(new CallbackRequest(Optional.of(callId), customer, number, r.intent(), r.priority(),
                r.tier(), r.language(), now, windowStart, Optional.empty(), r.reason()));
        if (r.alertOnDuty()) {
            java.util.List<String> onDuty = settings.onDuty().mobilesAt(now);
            if (onDuty.isEmpty()) {
                log.warn("call {}: technical callback after hours, but nobody is on duty now (desk.on-duty): nobody alerted", callId);
                return;
            }
            String contract = s.vars().get("contract");
            String body = "Frontline: technical failure after hours, call back " + number
                    + (contract != null ? " (contract " + contract + ")" : " (caller not identified)");
            for (String mobile : onDuty) { // each on duty once; one that fails keeps it from nobody else
                try {
                    SmsResult res = ports.sms().send(new SmsRequest(mobile, body, false, customer, "on-duty-alert"));
                    if (!res.accepted()) log.warn("call {}: on-duty alert to {} not sent: {} {}", callId, mobile, res.status(), res.detail());
                } catch (RuntimeException e) {
                    log.warn("call {}: on-duty alert to {} failed: {}", callId, mobile, e.toString());
                }
            }
        }
    }

    /**
     * The customer with this number on file. A number already written in E.164 (as Twilio and most trunks send it)
     * is looked up as it is first: found, it is valid by construction (numbers are validated when stored) and
     * libphonenumber's parse, a good part of an incoming call's CPU, is skipped.
     */
    private Optional<KnownCaller> byNumber(String raw) {
        boolean e164Shaped = PhoneNumbers.isE164(raw);
        if (e164Shaped) {
            Optional<KnownCaller> found = ports.customers().callerByPhone(raw);
            if (found.isPresent()) {
                ports.phones().remember(raw);
                return found;
            }
        }
        Optional<String> normalised = ports.phones().toE164(raw);
        if (e164Shaped && normalised.filter(raw::equals).isPresent()) {
            return Optional.empty(); // the same number was just looked up
        }
        return normalised.flatMap(ports.customers()::callerByPhone);
    }

    private String e164(String raw) {
        return raw == null ? "" : ports.phones().toE164(raw).orElse(raw);
    }
}
