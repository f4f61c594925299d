package dev.frontline.core.flow;

import dev.frontline.core.call.Prompt;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.flow.FlowSession.Waiting;

import java.util.ArrayList;
import java.util.List;

/** One step of the interpreter: a mutable copy of the session, the instructions so far, the node logic. */
final class Run {
    private final Flow flow;
    private final FlowSession.Builder s;
    private final List<Instruction> out = new ArrayList<>();
    private Target pending;
    private boolean moving;
    private boolean stopped;

    Run(Flow flow, FlowSession.Builder s) {
        this.flow = flow;
        this.s = s;
    }

    void goTo(Target t) {
        pending = t;
        moving = true;
    }

    StepResult finish() {
        int hops = 0;
        while (moving && !stopped) {
            moving = false;
            if (pending == null) {
                end(s.outcome != null ? s.outcome : "completed");
                break;
            }
            FlowNode n = flow.nodes().get(pending.id());
            if (n == null || ++hops > Interpreter.MAX_HOPS) {
                trail("flow error at " + (n == null ? "missing node " + pending.id() : "loop through " + n.id()));
                end("error");
                break;
            }
            s.node = n.id();
            s.tries = 0;
            s.waiting = Waiting.NOTHING;
            enter(n);
        }
        if (!stopped) {
            throw new IllegalStateException("node " + s.node + " neither waited nor asked for an effect");
        }
        s.version++;
        return new StepResult(s.build(), out);
    }

    // ------------------------------------------------------------------ entering nodes

    private void enter(FlowNode n) {
        if (n instanceof FlowNode.Play p) {
            play(p.prompt());
            goTo(p.next());
        } else if (n instanceof FlowNode.SayDigits sd) {
            String v = s.vars.get(sd.variable());
            if (v != null && v.matches("[0-9]+")) out.add(new Instruction.SayDigits(s.language, v));
            goTo(sd.next());
        } else if (n instanceof FlowNode.Menu m) {
            play(m.prompt());
            gather(m.digits(), m);
        } else if (n instanceof FlowNode.Input in) {
            play(in.prompt());
            await(new Instruction.Gather(in.maxDigits(), in.timeout(), true), Waiting.DIGITS);
        } else if (n instanceof FlowNode.LookupCaller lc) {
            String value = lc.by() == FlowNode.LookupBy.NUMBER ? s.callingNumber : s.vars.get(lc.variable());
            if (value == null || value.isBlank()) {
                trail(lc.by() == FlowNode.LookupBy.NUMBER ? "caller number withheld" : "no contract number entered");
                goTo(lc.notFound());
            } else {
                effect(new Instruction.LookupCaller(lc.by(), value));
            }
        } else if (n instanceof FlowNode.Verify v) {
            enterVerify(v);
        } else if (n instanceof FlowNode.SendSms sms) {
            enterSms(sms);
        } else if (n instanceof FlowNode.Set set) {
            applySet(set);
            goTo(set.next());
        } else if (n instanceof FlowNode.Branch b) {
            enterBranch(b);
        } else if (n instanceof FlowNode.Enqueue q) {
            if (s.intent == null) s.intent = Intent.GENERAL;
            if (s.priority == null) s.priority = s.intent.defaultPriority();
            if (s.tier == null) s.tier = Tier.LINE1;
            s.queued = true;
            trail("queued: " + name(s.intent) + ", priority " + s.priority + ", " + name(s.tier));
            effect(new Instruction.Enqueue(s.intent, s.priority, s.tier, s.language, s.customerId));
        } else if (n instanceof FlowNode.OfferCallback oc) {
            if (s.callingNumber.isBlank()) {
                trail("no callback offered: number withheld");
                goTo(oc.declined());
            } else {
                play(oc.prompt());
                await(new Instruction.Gather(1, oc.timeout(), false), Waiting.DIGITS);
            }
        } else if (n instanceof FlowNode.AnnounceOutage ao) {
            play(ao.prompt());
            String until = s.vars.get("outage-end");
            if (until != null && until.matches("[0-9]+")) {
                play(ao.until());
                out.addAll(Numbers.clock(s.language, until));
            } else {
                play(ao.noEstimate());
            }
            trail("heard the outage announcement");
            goTo(ao.next());
        } else if (n instanceof FlowNode.Transfer t) {
            trail("transferred to " + t.endpoint());
            s.outcome = "transferred";
            s.ended = true;
            s.endedAt = s.node;
            await(new Instruction.Transfer(t.endpoint()), Waiting.ENDED);
        } else if (n instanceof FlowNode.Rating r) {
            play(r.prompt());
            await(new Instruction.Gather(1, r.timeout(), false), Waiting.DIGITS);
        } else if (n instanceof FlowNode.Hangup h) {
            play(h.prompt());
            end(h.outcome() != null ? h.outcome() : s.outcome != null ? s.outcome : "completed");
        } else if (n instanceof FlowNode.Goto g) {
            goTo(g.target());
        } else {
            throw new IllegalStateException("unhandled node kind " + n.kind());
        }
    }

    private void enterVerify(FlowNode.Verify v) {
        if (s.verified) {
            goTo(v.ok());
        } else if (!s.identified || s.customerId == null) {
            trail("cannot verify: caller not identified");
            goTo(v.failed());
        } else {
            play(v.prompt());
            await(new Instruction.Gather(8, v.timeout(), true), Waiting.DIGITS);
        }
    }

    private void enterSms(FlowNode.SendSms sms) {
        if (!s.identified || !s.verified || s.customerId == null) {
            trail("SMS " + sms.purpose() + " refused: caller not verified");
            goTo(sms.failed());
        } else if (!s.hasMobile) {
            trail("SMS " + sms.purpose() + " not possible: no mobile on file");
            goTo(sms.noMobile());
        } else {
            effect(new Instruction.SendSms(s.customerId, sms.template(), sms.purpose(), sms.secret(), s.language));
        }
    }

    private void applySet(FlowNode.Set set) {
        List<String> changes = new ArrayList<>();
        if (set.language() != null) {
            String code = set.language().equals("customer") ? s.vars.get("customer-language") : set.language();
            if (code != null) {
                s.language = Language.of(code);
                changes.add("language " + s.language.code());
            }
        }
        if (set.intent() != null) {
            s.intent = set.intent();
            s.priority = set.intent().defaultPriority();
            changes.add("intent " + name(s.intent));
        }
        if (set.priority() != null) {
            s.priority = set.priority();
            changes.add("priority " + s.priority);
        }
        if (set.tier() != null) {
            s.tier = set.tier();
            changes.add(name(s.tier));
        }
        if (set.outcome() != null) s.outcome = set.outcome();
        if (!changes.isEmpty()) trail(String.join(", ", changes));
    }

    private void enterBranch(FlowNode.Branch b) {
        switch (b.condition()) {
            case IDENTIFIED -> decide(b, s.identified);
            case VERIFIED -> decide(b, s.verified);
            case HAS_MOBILE -> decide(b, s.identified && s.hasMobile);
            case OPEN -> effect(new Instruction.CheckHours());
            case OUTAGE -> {
                if (s.area == null || s.area.isBlank()) decide(b, false);
                else effect(new Instruction.CheckOutage(s.area));
            }
            case WAIT_ABOVE -> {
                Intent intent = s.intent == null ? Intent.GENERAL : s.intent;
                effect(new Instruction.EstimateWait(intent, s.priority == null ? intent.defaultPriority() : s.priority,
                        s.tier == null ? Tier.LINE1 : s.tier));
            }
        }
    }

    private void decide(FlowNode.Branch b, boolean yes) {
        goTo(yes ? b.then() : b.otherwise());
    }

    // ------------------------------------------------------------------ resuming

    void resume(FlowInput input) {
        if (input instanceof FlowInput.HungUp h) {
            hungUp(h.lineLost());
            return;
        }
        if (input instanceof FlowInput.NotConfirmed nc) {
            // nothing was logged: no "queued", no "callback confirmed"; an honest apology and the fallback instead
            trail("not confirmed (" + nc.why() + "): apologised, sent to the fallback");
            play(List.of(new PromptRef(null, "technical-problem-transfer", null)));
            s.outcome = "not-confirmed";
            s.ended = true;
            s.endedAt = s.node;
            s.queued = false;
            await(new Instruction.Fallback(), Waiting.ENDED);
            return;
        }
        if (s.waiting == Waiting.LEFT_QUEUE && input instanceof FlowInput.LeftQueue lq) {
            s.queued = false;
            if (lq.lineLost() && lq.wasWaiting()) {
                trail("line cut by the PBX while waiting in the queue");
                end("line-lost");
                return;
            }
            trail(lq.wasWaiting() ? "hung up while waiting in the queue" : "hung up after the operator call");
            end(lq.wasWaiting() ? "abandoned" : "answered");
            return;
        }
        FlowNode n = flow.node(s.node);
        if (n instanceof FlowNode.Menu m) {
            resumeMenu(m, input);
        } else if (n instanceof FlowNode.Input in) {
            resumeInput(in, input);
        } else if (n instanceof FlowNode.LookupCaller lc && input instanceof FlowInput.LookupResult r) {
            resumeLookup(lc, r);
        } else if (n instanceof FlowNode.Verify v) {
            resumeVerify(v, input);
        } else if (n instanceof FlowNode.SendSms sms && input instanceof FlowInput.SmsOutcome r) {
            trail(r.accepted() ? "SMS " + sms.purpose() + " sent to the mobile on file"
                    : "SMS " + sms.purpose() + " not sent: " + r.detail());
            goTo(r.accepted() ? sms.sent() : sms.failed());
        } else if (n instanceof FlowNode.Branch b) {
            resumeBranch(b, input);
        } else if (n instanceof FlowNode.Enqueue q) {
            new Queueing(this, q).resume(input);
        } else if (n instanceof FlowNode.OfferCallback oc) {
            resumeOffer(oc, input);
        } else if (n instanceof FlowNode.Rating r) {
            resumeRating(r, input);
        } else {
            throw unexpected(input);
        }
    }

    IllegalStateException unexpected(FlowInput input) {
        return new IllegalStateException("node " + s.node + " (waiting " + s.waiting + ") cannot take "
                + input.getClass().getSimpleName());
    }

    private void hungUp(boolean lineLost) {
        if (s.queued) {
            s.waiting = Waiting.LEFT_QUEUE;
            out.add(new Instruction.LeaveQueue(lineLost));
            stopped = true;
        } else {
            trail((lineLost ? "line cut by the PBX at " : "hung up at ") + s.node);
            end(s.outcome != null ? s.outcome : lineLost ? "line-lost" : "abandoned");
        }
    }

    private void resumeMenu(FlowNode.Menu m, FlowInput input) {
        if (input instanceof FlowInput.Digits d) {
            FlowNode.Choice c = m.choices().get(d.digits());
            if (c != null) {
                trail("pressed " + d.digits() + " (" + c.label() + ")");
                goTo(c.target());
            } else {
                retry(m, "pressed " + d.digits() + " (not an option)", true);
            }
        } else if (input instanceof FlowInput.NoInput) {
            retry(m, "no input", false);
        } else {
            throw unexpected(input);
        }
    }

    private void retry(FlowNode.Menu m, String what, boolean invalid) {
        s.tries++;
        if (s.tries > m.retries()) {
            trail(what + "; gave up at " + m.id());
            goTo(m.onFail());
            return;
        }
        if (invalid && m.invalid() != null) play(m.invalid());
        play(m.prompt());
        gather(m.digits(), m);
    }

    private void gather(int digits, FlowNode.Menu m) {
        await(new Instruction.Gather(digits, m.timeout(), false), Waiting.DIGITS);
    }

    private void resumeInput(FlowNode.Input in, FlowInput input) {
        String digits = input instanceof FlowInput.Digits d ? d.digits().replace("#", "") : null;
        if (digits != null && digits.matches("[0-9]+")) {
            s.putVar(in.variable(), digits);
            trail("entered " + in.variable() + " " + digits);
            goTo(in.next());
            return;
        }
        if (digits == null && !(input instanceof FlowInput.NoInput)) throw unexpected(input);
        if (digits != null && digits.isEmpty() && in.onSkip() != null) { // '#' alone: the caller skips, at once
            trail("skipped " + in.variable());
            goTo(in.onSkip());
            return;
        }
        s.tries++;
        if (s.tries > in.retries()) {
            trail("no valid " + in.variable() + " entered");
            goTo(in.onFail());
            return;
        }
        if (digits != null && in.invalid() != null) play(in.invalid());
        play(in.prompt());
        await(new Instruction.Gather(in.maxDigits(), in.timeout(), true), Waiting.DIGITS);
    }

    private void resumeLookup(FlowNode.LookupCaller lc, FlowInput.LookupResult r) {
        String by = lc.by() == FlowNode.LookupBy.NUMBER ? "calling number" : "contract number";
        if (!r.found()) {
            trail("not identified by " + by);
            goTo(lc.notFound());
            return;
        }
        s.identified = true;
        s.customerId = r.customerId();
        s.hasMobile = r.hasMobile();
        s.area = r.area();
        if (r.contract() != null) s.putVar("contract", r.contract());
        if (r.language() != null) s.putVar("customer-language", r.language().code());
        trail("identified by " + by + ": customer " + r.customerId() + ", contract " + r.contract());
        goTo(lc.found());
    }

    private void resumeVerify(FlowNode.Verify v, FlowInput input) {
        if (s.waiting == Waiting.DIGITS && input instanceof FlowInput.Digits d) {
            effect(new Instruction.VerifyPin(s.customerId, d.digits().replace("#", "")));
        } else if (s.waiting == Waiting.DIGITS && input instanceof FlowInput.NoInput) {
            s.tries++;
            if (s.tries >= v.attempts()) {
                trail("no PIN entered");
                goTo(v.failed());
            } else {
                play(v.prompt());
                await(new Instruction.Gather(8, v.timeout(), true), Waiting.DIGITS);
            }
        } else if (s.waiting == Waiting.RESULT && input instanceof FlowInput.PinResult r) {
            switch (r.result()) {
                case OK -> {
                    s.verified = true;
                    trail("PIN verified");
                    goTo(v.ok());
                }
                case WRONG -> {
                    s.tries++;
                    s.pinFailures++;
                    if (s.tries >= v.attempts()) {
                        trail("wrong PIN " + s.tries + " times: verification failed");
                        goTo(v.failed());
                    } else {
                        trail("wrong PIN");
                        play(v.wrong());
                        play(v.prompt());
                        await(new Instruction.Gather(8, v.timeout(), true), Waiting.DIGITS);
                    }
                }
                case LOCKED -> {
                    trail("PIN locked out");
                    play(v.locked());
                    goTo(v.failed());
                }
                case NO_PIN -> {
                    trail("no PIN on file: cannot verify");
                    goTo(v.failed());
                }
            }
        } else {
            throw unexpected(input);
        }
    }

    private void resumeBranch(FlowNode.Branch b, FlowInput input) {
        if (input instanceof FlowInput.HoursResult h) {
            if (!h.open()) trail("after hours");
            decide(b, h.open());
        } else if (input instanceof FlowInput.OutageResult o) {
            if (o.active()) {
                trail("known outage in area " + s.area);
                if (o.expectedEnd() != null) s.putVar("outage-end", o.expectedEnd());
                else s.removeVar("outage-end");
            }
            decide(b, o.active());
        } else if (input instanceof FlowInput.WaitEstimate w) {
            boolean above = w.seconds() >= 0 && w.seconds() > b.threshold().toSeconds();
            if (w.seconds() >= 0) trail("estimated wait " + dev.frontline.core.api.WaitMinutes.of(w.seconds()) + " min");
            decide(b, above);
        } else {
            throw unexpected(input);
        }
    }

    private void resumeOffer(FlowNode.OfferCallback oc, FlowInput input) {
        if (s.waiting == Waiting.DIGITS && input instanceof FlowInput.Digits d && d.digits().equals(oc.acceptKey())) {
            Intent intent = s.intent == null ? Intent.GENERAL : s.intent;
            effect(new Instruction.RequestCallback(s.callingNumber, intent,
                    s.priority == null ? intent.defaultPriority() : s.priority, s.tier == null ? Tier.LINE1 : s.tier,
                    s.language, s.customerId, oc.window() == FlowNode.Window.NEXT_OPENING, oc.alertOnDuty(),
                    oc.reason()));
        } else if (s.waiting == Waiting.DIGITS && (input instanceof FlowInput.Digits || input instanceof FlowInput.NoInput)) {
            trail("declined the callback");
            goTo(oc.declined());
        } else if (s.waiting == Waiting.RESULT && input instanceof FlowInput.Done) {
            trail("callback requested (" + oc.reason() + ")" + (oc.alertOnDuty() ? ", on-duty consultant alerted" : ""));
            confirmCallback(oc.confirmed());
            s.outcome = "callback";
            goTo(oc.accepted());
        } else {
            throw unexpected(input);
        }
    }

    private void resumeRating(FlowNode.Rating r, FlowInput input) {
        if (s.waiting == Waiting.DIGITS && input instanceof FlowInput.Digits d && d.digits().matches("[1-5]")) {
            s.putVar("rating", d.digits());
            effect(new Instruction.RecordRating(Integer.parseInt(d.digits())));
        } else if (s.waiting == Waiting.DIGITS && (input instanceof FlowInput.Digits || input instanceof FlowInput.NoInput)) {
            trail("no rating");
            goTo(r.next());
        } else if (s.waiting == Waiting.RESULT && input instanceof FlowInput.Done) {
            trail("rated the call " + s.vars.get("rating") + " of 5");
            if (r.thanks() != null) play(r.thanks());
            goTo(r.next());
        } else {
            throw unexpected(input);
        }
    }

    // ------------------------------------------------------------------ helpers shared with Queueing

    FlowSession.Builder session() {
        return s;
    }

    void play(List<PromptRef> prompts) {
        for (PromptRef p : prompts) {
            if (p == null) continue;
            Language lang = p.languageFor(s.language);
            String text = flow.prompts().text(lang, p.key()).map(Prompts.Text::text).orElse("");
            out.add(new Instruction.Play(new Prompt(lang, p.key(), text)));
        }
    }

    /** "We will call you back", the number that will be called (its last digits) and when. */
    void confirmCallback(FlowNode.CallbackConfirmation c) {
        play(c.confirmed());
        String digits = s.callingNumber == null ? "" : s.callingNumber.replaceAll("[^0-9]", "");
        if (c.number() != null && digits.length() >= 4) {
            play(c.number());
            sayDigits(digits.substring(digits.length() - 4));
        }
        play(c.when());
    }

    void play(PromptRef p) {
        if (p != null) play(List.of(p));
    }

    void sayDigits(String digits) {
        out.add(new Instruction.SayDigits(s.language, digits));
    }

    /** {@code n} in words (0..999), or digit by digit above. */
    void sayNumber(long n) {
        out.addAll(Numbers.say(s.language, n));
    }

    void await(Instruction.Wait w, Waiting waiting) {
        out.add(w);
        s.waiting = waiting;
        stopped = true;
    }

    void effect(Instruction.Effect e) {
        effect(e, Waiting.RESULT);
    }

    void effect(Instruction.Effect e, Waiting waiting) {
        out.add(e);
        s.waiting = waiting;
        stopped = true;
    }

    void trail(String line) {
        s.addTrail(line);
    }

    void end(String outcome) {
        s.outcome = outcome;
        s.ended = true;
        s.endedAt = s.node;
        s.queued = false;
        await(new Instruction.Hangup(), Waiting.ENDED);
    }

    static String name(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
