package dev.frontline.core.flow;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Tier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One node of a flow. A null {@link Target} means "hang up" (the flow's end). Each record documents its YAML kind;
 * docs/flows.md is the full reference.
 */
public sealed interface FlowNode {
    String id();

    Position pos();

    /** Targets this node can continue to, in file order (nulls left out). */
    List<Target> targets();

    /** Prompts this node may play in the caller's or a fixed language. */
    List<PromptRef> prompts();

    /** True when the node waits for the caller (a key, the queue) or ends the call: a loop through it is fine. */
    boolean waitsForCaller();

    /** The YAML kind, e.g. {@code menu}. */
    String kind();

    private static List<Target> nonNull(Target... ts) {
        List<Target> l = new ArrayList<>();
        for (Target t : ts) if (t != null) l.add(t);
        return l;
    }

    private static List<PromptRef> refs(List<PromptRef> list, PromptRef... more) {
        List<PromptRef> l = new ArrayList<>(list);
        for (PromptRef p : more) if (p != null) l.add(p);
        return l;
    }

    /** {@code play}: play prompts, continue. */
    record Play(String id, Position pos, List<PromptRef> prompt, Target next) implements FlowNode {
        public List<Target> targets() { return nonNull(next); }
        public List<PromptRef> prompts() { return prompt; }
        public boolean waitsForCaller() { return false; }
        public String kind() { return "play"; }
    }

    /** {@code say-digits}: read a variable (e.g. {@code contract}) digit by digit from recorded digits. */
    record SayDigits(String id, Position pos, String variable, Target next) implements FlowNode {
        public List<Target> targets() { return nonNull(next); }
        public List<PromptRef> prompts() { return List.of(); }
        public boolean waitsForCaller() { return false; }
        public String kind() { return "say-digits"; }
    }

    /** A menu choice: where a key leads and how the trail names it. */
    record Choice(String label, Target target) {}

    /** {@code menu}: play the prompt, gather {@code digits} keys, branch on them; retries on bad or no input. */
    record Menu(String id, Position pos, List<PromptRef> prompt, int digits, Duration timeout, int retries,
                PromptRef invalid, Map<String, Choice> choices, Target onFail) implements FlowNode {
        public Menu {
            choices = new LinkedHashMap<>(choices);
        }
        public List<Target> targets() {
            List<Target> l = new ArrayList<>();
            choices.values().forEach(c -> { if (c.target() != null) l.add(c.target()); });
            if (onFail != null) l.add(onFail);
            return l;
        }
        public List<PromptRef> prompts() { return refs(prompt, invalid); }
        public boolean waitsForCaller() { return true; }
        public String kind() { return "menu"; }
    }

    /** {@code input}: collect up to {@code maxDigits} keys ending with '#', store them in {@code variable}. */
    /** {@code input}; {@code onSkip} (null: none) is where {@code #} alone goes at once, the prompt saying so. */
    record Input(String id, Position pos, List<PromptRef> prompt, int maxDigits, Duration timeout, int retries,
                 PromptRef invalid, String variable, Target next, Target onFail, Target onSkip) implements FlowNode {
        public List<Target> targets() { return nonNull(next, onFail, onSkip); }
        public List<PromptRef> prompts() { return refs(prompt, invalid); }
        public boolean waitsForCaller() { return true; }
        public String kind() { return "input"; }
    }

    /** How {@code lookup-caller} finds the customer. */
    enum LookupBy { NUMBER, CONTRACT }

    /** {@code lookup-caller}: identify the caller by the calling number or by a contract number entered. */
    record LookupCaller(String id, Position pos, LookupBy by, String variable, Target found, Target notFound)
            implements FlowNode {
        public List<Target> targets() { return nonNull(found, notFound); }
        public List<PromptRef> prompts() { return List.of(); }
        public boolean waitsForCaller() { return false; }
        public String kind() { return "lookup-caller"; }
    }

    /** {@code verify}: ask for the PIN; {@code attempts} wrong PINs (or a lockout) go to {@code failed}. */
    record Verify(String id, Position pos, List<PromptRef> prompt, int attempts, Duration timeout, PromptRef wrong,
                  PromptRef locked, Target ok, Target failed) implements FlowNode {
        public List<Target> targets() { return nonNull(ok, failed); }
        public List<PromptRef> prompts() { return refs(prompt, wrong, locked); }
        public boolean waitsForCaller() { return true; }
        public String kind() { return "verify"; }
    }

    /** {@code send-sms}: text a template to the mobile on file of the verified caller; never to the calling number. */
    record SendSms(String id, Position pos, String template, String purpose, boolean secret, Target sent,
                   Target noMobile, Target failed) implements FlowNode {
        public List<Target> targets() { return nonNull(sent, noMobile, failed); }
        public List<PromptRef> prompts() { return List.of(); }
        public boolean waitsForCaller() { return false; }
        public String kind() { return "send-sms"; }
    }

    /**
     * {@code set}: intent, priority, tier, language ({@code customer} = the customer's own) or the outcome recorded
     * if the caller hangs up from here on. Null fields are left as they are.
     */
    record Set(String id, Position pos, Intent intent, Integer priority, Tier tier, String language, String outcome,
               Target next) implements FlowNode {
        public List<Target> targets() { return nonNull(next); }
        public List<PromptRef> prompts() { return List.of(); }
        public boolean waitsForCaller() { return false; }
        public String kind() { return "set"; }
    }

    /** {@code branch}: test a condition; {@code threshold} is used by {@code wait-above}. */
    record Branch(String id, Position pos, Condition condition, Duration threshold, Target then, Target otherwise)
            implements FlowNode {
        public List<Target> targets() { return nonNull(then, otherwise); }
        public List<PromptRef> prompts() { return List.of(); }
        public boolean waitsForCaller() { return false; }
        public String kind() { return "branch"; }
    }

    /**
     * What a caller hears when a callback is confirmed: {@code confirmed}, then {@code number} and the last digits of
     * the number that will be called, then {@code when} it will be (null prompts are left out).
     */
    record CallbackConfirmation(PromptRef confirmed, PromptRef number, PromptRef when) {
        List<PromptRef> all() {
            List<PromptRef> l = new ArrayList<>();
            for (PromptRef p : new PromptRef[] {confirmed, number, when}) if (p != null) l.add(p);
            return l;
        }
    }

    /** Prompts the queue plays on hold. */
    record HoldPrompts(PromptRef position, PromptRef waitMinutes, PromptRef minutes, PromptRef callbackOffer,
                       CallbackConfirmation callbackConfirmed) {
        List<PromptRef> all() {
            List<PromptRef> l = new ArrayList<>(callbackConfirmed.all());
            for (PromptRef p : new PromptRef[] {position, waitMinutes, minutes, callbackOffer}) {
                if (p != null) l.add(p);
            }
            return l;
        }
    }

    /**
     * {@code enqueue}: hand the call to the ACD with the current intent/priority/tier; on hold announce position and
     * wait every {@code announceEvery} and offer "1 = call me back, keeping my place"; after the operator call go
     * to {@code afterCall} (e.g. a rating).
     */
    record Enqueue(String id, Position pos, List<PromptRef> prompt, Duration announceEvery, HoldPrompts hold,
                   Target afterCall, PromptRef recordedPrompt) implements FlowNode {
        public Enqueue(String id, Position pos, List<PromptRef> prompt, Duration announceEvery, HoldPrompts hold,
                       Target afterCall) {
            this(id, pos, prompt, announceEvery, hold, afterCall, null);
        }
        public List<Target> targets() { return nonNull(afterCall); }
        public List<PromptRef> prompts() {
            List<PromptRef> extra = new ArrayList<>(hold.all());
            if (recordedPrompt != null) extra.add(recordedPrompt);
            return refs(prompt, extra.toArray(PromptRef[]::new));
        }
        public boolean waitsForCaller() { return true; }
        public String kind() { return "enqueue"; }
    }

    /** When an offered callback is placed. */
    enum Window { ASAP, NEXT_OPENING }

    /**
     * {@code offer-callback}: "press {@code acceptKey} to be called back"; on yes request a callback (and alert the
     * on-duty consultant when {@code alertOnDuty}), play {@code confirmed} and go to {@code accepted}.
     */
    record OfferCallback(String id, Position pos, List<PromptRef> prompt, String acceptKey, Duration timeout,
                         Window window, boolean alertOnDuty, String reason, CallbackConfirmation confirmed,
                         Target accepted, Target declined) implements FlowNode {
        public List<Target> targets() { return nonNull(accepted, declined); }
        public List<PromptRef> prompts() { return refs(prompt, confirmed.all().toArray(PromptRef[]::new)); }
        public boolean waitsForCaller() { return true; }
        public String kind() { return "offer-callback"; }
    }

    /** {@code announce-outage}: the outage found by the last {@code branch: outage}, with its expected end (HHMM). */
    record AnnounceOutage(String id, Position pos, List<PromptRef> prompt, PromptRef until, PromptRef noEstimate,
                          Target next) implements FlowNode {
        public List<Target> targets() { return nonNull(next); }
        public List<PromptRef> prompts() { return refs(prompt, until, noEstimate); }
        public boolean waitsForCaller() { return false; }
        public String kind() { return "announce-outage"; }
    }

    /** {@code transfer}: hand the call to an endpoint and forget it. */
    record Transfer(String id, Position pos, String endpoint) implements FlowNode {
        public List<Target> targets() { return List.of(); }
        public List<PromptRef> prompts() { return List.of(); }
        public boolean waitsForCaller() { return true; }
        public String kind() { return "transfer"; }
    }

    /** {@code rating}: after the operator call, one key 1-5; anything else is "no rating". */
    record Rating(String id, Position pos, List<PromptRef> prompt, Duration timeout, PromptRef thanks, Target next)
            implements FlowNode {
        public List<Target> targets() { return nonNull(next); }
        public List<PromptRef> prompts() { return refs(prompt, thanks); }
        public boolean waitsForCaller() { return true; }
        public String kind() { return "rating"; }
    }

    /** {@code hangup}: play prompts and end the call with {@code outcome} (null: the outcome set so far, else completed). */
    record Hangup(String id, Position pos, List<PromptRef> prompt, String outcome) implements FlowNode {
        public List<Target> targets() { return List.of(); }
        public List<PromptRef> prompts() { return prompt; }
        public boolean waitsForCaller() { return true; }
        public String kind() { return "hangup"; }
    }

    /** {@code goto}: continue at another node. */
    record Goto(String id, Position pos, Target target) implements FlowNode {
        public List<Target> targets() { return nonNull(target); }
        public List<PromptRef> prompts() { return List.of(); }
        public boolean waitsForCaller() { return false; }
        public String kind() { return "goto"; }
    }
}
