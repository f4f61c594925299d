package dev.frontline.core.flow;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.Tier;
import dev.frontline.core.customer.PinVerifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every path of the support menu, driven through the pure interpreter with scripted effect results. */
class SupportFlowTest {
    static Interpreter interpreter;

    @BeforeAll
    static void load() {
        interpreter = new Interpreter(FlowLoader.load(Path.of("../ivr-flows/support.yaml")));
    }

    /** Answers effects like the world would; records them. */
    static final class World {
        boolean known = true, hasMobile = true, open = true, outage, pinOk = true, smsOk = true;
        PinVerifier.Result pinResult;
        String outageEnd;
        long waitSeconds = 60;
        final List<Instruction.Effect> effects = new ArrayList<>();

        FlowInput answer(Instruction.Effect e) {
            effects.add(e);
            if (e instanceof Instruction.LookupCaller l) {
                boolean found = l.by() == FlowNode.LookupBy.NUMBER ? known : l.value().equals("5550123");
                return found ? new FlowInput.LookupResult(true, 7L, "5550123", Language.RU, hasMobile, "Vilnius-1")
                        : FlowInput.LookupResult.notFound();
            }
            if (e instanceof Instruction.VerifyPin v) {
                if (pinResult != null) return new FlowInput.PinResult(pinResult);
                return new FlowInput.PinResult(v.pin().equals("2468") ? PinVerifier.Result.OK : PinVerifier.Result.WRONG);
            }
            if (e instanceof Instruction.SendSms) return new FlowInput.SmsOutcome(smsOk, smsOk ? "sent" : "rate limited");
            if (e instanceof Instruction.CheckHours) return new FlowInput.HoursResult(open);
            if (e instanceof Instruction.CheckOutage) return new FlowInput.OutageResult(outage, outageEnd);
            if (e instanceof Instruction.EstimateWait) return new FlowInput.WaitEstimate(waitSeconds);
            if (e instanceof Instruction.Enqueue || e instanceof Instruction.QueryQueue) {
                return new FlowInput.QueueInfo(true, 3, 250);
            }
            if (e instanceof Instruction.LeaveQueue) return new FlowInput.LeftQueue(true);
            return new FlowInput.Done();
        }

        <T extends Instruction.Effect> List<T> all(Class<T> type) {
            return effects.stream().filter(type::isInstance).map(type::cast).toList();
        }
    }

    /** A call in progress: every instruction heard so far, the session, the world. */
    static final class Call {
        final World world;
        FlowSession session;
        final List<Instruction> heard = new ArrayList<>();

        Call(World world, String number) {
            this.world = world;
            run(interpreter.start("c1", number, "+37052000000", Backend.SIM));
        }

        private void run(StepResult r) {
            while (true) {
                session = r.session();
                heard.addAll(r.instructions());
                if (r.last() instanceof Instruction.Effect e) {
                    r = interpreter.step(session, world.answer(e));
                } else {
                    return;
                }
            }
        }

        Call press(String keys) {
            heard.clear();
            run(interpreter.step(session, new FlowInput.Digits(keys)));
            return this;
        }

        Call send(FlowInput input) {
            heard.clear();
            run(interpreter.step(session, input));
            return this;
        }

        List<String> prompts() {
            return heard.stream().filter(i -> i instanceof Instruction.Play)
                    .map(i -> ((Instruction.Play) i).prompt().path()).toList();
        }

        String said() {
            return heard.stream().filter(i -> i instanceof Instruction.SayDigits)
                    .map(i -> ((Instruction.SayDigits) i).digits()).collect(Collectors.joining(","));
        }

        Instruction last() {
            return heard.get(heard.size() - 1);
        }
    }

    static Call known() {
        return new Call(new World(), "+37061234567");
    }

    static Call known(Function<World, World> tweak) {
        return new Call(tweak.apply(new World()), "+37061234567");
    }

    @Test
    void aKnownCallerHearsTheirLanguageAndTheMainMenu() {
        Call call = known();
        assertThat(call.prompts()).containsExactly("ru/welcome", "ru/main-menu");
        assertThat(call.last()).isEqualTo(new Instruction.Gather(1, java.time.Duration.ofSeconds(6), false));
        assertThat(call.session.identified()).isTrue();
        assertThat(call.session.verified()).isFalse();
        assertThat(call.session.trail()).contains("identified by calling number: customer 7, contract 5550123");
    }

    @Test
    void anUnknownCallerChoosesALanguageThenIsIdentifiedByContract() {
        Call call = known(w -> { w.known = false; return w; });
        assertThat(call.prompts()).containsExactly("en/welcome", "en/choose-language", "ru/choose-language",
                "lt/choose-language", "pl/choose-language", "sl/choose-language");

        call.press("3");
        assertThat(call.session.language()).isEqualTo(Language.LT);
        assertThat(call.prompts()).containsExactly("lt/enter-contract");
        assertThat(call.last()).isEqualTo(new Instruction.Gather(12, java.time.Duration.ofSeconds(8), true));

        call.press("5550123");
        assertThat(call.session.identified()).isTrue();
        assertThat(call.prompts()).containsExactly("lt/main-menu");
    }

    @Test
    void anUnknownContractStillReachesTheMenuUnidentified() {
        Call call = known(w -> { w.known = false; return w; }).press("1").press("999");
        assertThat(call.prompts()).containsExactly("en/contract-not-found", "en/main-menu");
        assertThat(call.session.identified()).isFalse();
    }

    @Test
    void technicalFailureGivesAHintThenQueuesWithPriorityOneOnLineOne() {
        Call call = known().press("1");
        assertThat(call.prompts()).containsExactly("ru/check-power", "ru/queue-connecting", "ru/queue-position",
                "ru/numbers/3", "ru/queue-wait", "ru/numbers/4", "ru/queue-callback-offer");
        assertThat(call.said()).isEmpty();
        assertThat(call.world.all(Instruction.Enqueue.class)).containsExactly(
                new Instruction.Enqueue(Intent.TECHNICAL, 1, Tier.LINE1, Language.RU, 7L));
        assertThat(call.last()).isEqualTo(new Instruction.WaitInQueue(3, 250, java.time.Duration.ofSeconds(60)));
        assertThat(call.session.trail()).contains("pressed 1 (technical failure)");
    }

    @Test
    void salesAndGeneralQuestionsQueueWithTheirPriorities() {
        assertThat(known().press("2").world.all(Instruction.Enqueue.class).get(0).priority()).isEqualTo(2);
        Call general = known().press("3");
        assertThat(general.world.all(Instruction.Enqueue.class).get(0))
                .isEqualTo(new Instruction.Enqueue(Intent.GENERAL, 3, Tier.LINE1, Language.RU, 7L));
    }

    @Test
    void zeroGoesToAnOperator() {
        assertThat(known().press("0").world.all(Instruction.Enqueue.class)).hasSize(1);
    }

    @Test
    void hashAloneSkipsTheContractNumberAtOnceAndThePromptSaysSo() {
        Call call = known(w -> { w.known = false; return w; }).press("1");
        assertThat(call.prompts()).containsExactly("en/enter-contract");
        assertThat(((Instruction.Play) call.heard.get(0)).prompt().text()).contains("press the hash key alone");

        call.press("#");

        assertThat(call.prompts()).as("'#' alone goes to the menu, not the contract prompt again")
                .containsExactly("en/main-menu");
        assertThat(call.session.trail()).contains("skipped entered-contract");
    }

    @Test
    void theCallbackConfirmationSaysWhichNumberWillBeCalledAndWhen() {
        Call call = known(w -> { w.waitSeconds = 900; return w; }).press("3").press("1");
        assertThat(call.prompts()).containsExactly("ru/callback-confirmed", "ru/callback-number",
                "ru/callback-when-asap", "ru/goodbye");
        assertThat(call.said()).isEqualTo("4567");
    }

    @Test
    void aLongWaitOffersACallbackInstead() {
        Call call = known(w -> { w.waitSeconds = 900; return w; }).press("3");
        assertThat(call.prompts()).containsExactly("ru/busy-callback-offer");
        call.press("1");
        assertThat(call.world.all(Instruction.RequestCallback.class)).singleElement()
                .satisfies(r -> assertThat(r.nextOpening()).isFalse());
        assertThat(call.session.outcome()).isEqualTo("callback");
        assertThat(call.last()).isInstanceOf(Instruction.Hangup.class);
    }

    @Test
    void onHoldTheCallerHearsPositionAndWaitAndCanKeepThePlaceByCallback() {
        Call call = known().press("1").send(new FlowInput.HoldTick());
        // 250 s is "4 minutes": the nearest whole minute, as the phone's status line says it (WaitMinutes)
        assertThat(call.prompts()).containsExactly("ru/queue-position", "ru/numbers/3", "ru/queue-wait", "ru/numbers/4",
                "ru/queue-callback-offer");
        assertThat(call.last()).isInstanceOf(Instruction.WaitInQueue.class);

        call.press("1");
        assertThat(call.world.all(Instruction.KeepPlace.class)).containsExactly(new Instruction.KeepPlace("+37061234567"));
        // which number will be called (its last four digits) and when
        assertThat(call.prompts()).containsExactly("ru/callback-confirmed", "ru/callback-number", "ru/callback-when-turn");
        assertThat(call.said()).isEqualTo("4567");
        assertThat(call.session.outcome()).isEqualTo("callback");
        assertThat(call.session.queued()).isFalse();
    }

    @Test
    void afterTheOperatorCallTheCallerMayRateIt() {
        Call call = known().press("1").send(new FlowInput.OperatorLegEnded());
        assertThat(call.prompts()).containsExactly("ru/rate-call");
        call.press("4");
        assertThat(call.world.all(Instruction.RecordRating.class)).containsExactly(new Instruction.RecordRating(4));
        assertThat(call.prompts()).containsExactly("ru/rating-thanks");
        assertThat(call.session.outcome()).isEqualTo("answered");
        assertThat(call.session.ended()).isTrue();
    }

    @Test
    void aRatingOutOfRangeIsNoRating() {
        Call call = known().press("1").send(new FlowInput.OperatorLegEnded()).press("9");
        assertThat(call.world.all(Instruction.RecordRating.class)).isEmpty();
        assertThat(call.session.trail()).contains("no rating");
    }

    @Test
    void hangingUpInTheQueueIsAbandonedAndLeavesTheQueue() {
        Call call = known().press("1").send(new FlowInput.HungUp());
        assertThat(call.world.all(Instruction.LeaveQueue.class)).hasSize(1);
        assertThat(call.session.outcome()).isEqualTo("abandoned");
        assertThat(call.session.endedAt()).isEqualTo("queue");
    }

    @Test
    void hangingUpInTheMenuIsAbandonedThere() {
        Call call = known().send(new FlowInput.HungUp());
        assertThat(call.world.all(Instruction.LeaveQueue.class)).isEmpty();
        assertThat(call.session.outcome()).isEqualTo("abandoned");
        assertThat(call.session.endedAt()).isEqualTo("main-menu");
    }

    @Test
    void afterHoursTechnicalFailuresGetACallbackAndAlertTheOnDutyConsultant() {
        Call call = known(w -> { w.open = false; return w; }).press("1");
        assertThat(call.prompts()).containsExactly("ru/check-power", "ru/after-hours-technical");
        call.press("1");
        Instruction.RequestCallback r = call.world.all(Instruction.RequestCallback.class).get(0);
        assertThat(r.alertOnDuty()).isTrue();
        assertThat(r.nextOpening()).isFalse();
        assertThat(r.intent()).isEqualTo(Intent.TECHNICAL);
        assertThat(call.session.outcome()).isEqualTo("callback");
    }

    @Test
    void afterHoursOtherCallsGetACallbackOnTheNextWorkingDay() {
        Call call = known(w -> { w.open = false; return w; }).press("2").press("1");
        Instruction.RequestCallback r = call.world.all(Instruction.RequestCallback.class).get(0);
        assertThat(r.nextOpening()).isTrue();
        assertThat(r.alertOnDuty()).isFalse();
        assertThat(r.priority()).isEqualTo(2);
    }

    @Test
    void aKnownOutageIsAnnouncedWithItsExpectedEnd() {
        Call call = known(w -> { w.outage = true; w.outageEnd = "1430"; return w; });
        assertThat(call.prompts()).containsExactly("ru/welcome", "ru/outage-intro", "ru/outage-until", "ru/numbers/14",
                "ru/numbers/30", "ru/outage-choice");
        call.press("2");
        assertThat(call.session.outcome()).isEqualTo("self-served");
        Call waits = known(w -> { w.outage = true; return w; });
        assertThat(waits.prompts()).contains("ru/outage-no-estimate");
        assertThat(waits.press("1").prompts()).containsExactly("ru/main-menu");
    }

    @Test
    void fourReadsTheContractNumberAfterThePinAndOffersItBySms() {
        Call call = known().press("4");
        assertThat(call.prompts()).containsExactly("ru/enter-pin");
        call.press("2468");
        assertThat(call.session.verified()).isTrue();
        assertThat(call.prompts()).containsExactly("ru/your-contract-is", "ru/contract-sms-offer");
        assertThat(call.said()).isEqualTo("5550123");
        call.press("1");
        assertThat(call.world.all(Instruction.SendSms.class)).containsExactly(
                new Instruction.SendSms(7L, "contract-number", "contract-number", true, Language.RU));
        assertThat(call.session.outcome()).isEqualTo("self-served");
    }

    @Test
    void fiveSendsLoginAndResetLinkBySmsAndNeverSpeaksThem() {
        Call call = known().press("5").press("2468");
        assertThat(call.world.all(Instruction.SendSms.class)).containsExactly(
                new Instruction.SendSms(7L, "login-reset", "login-reset", true, Language.RU));
        assertThat(call.said()).isEmpty();
        assertThat(call.prompts()).containsExactly("ru/sms-sent", "ru/goodbye");
        assertThat(call.session.outcome()).isEqualTo("self-served");
        assertThat(call.session.toString()).doesNotContain("2468");
    }

    @Test
    void fiveWithoutAMobileOnFileGoesToAnOperator() {
        Call call = known(w -> { w.hasMobile = false; return w; }).press("5").press("2468");
        assertThat(call.world.all(Instruction.SendSms.class)).isEmpty();
        assertThat(call.prompts()).startsWith("ru/no-mobile-operator");
        assertThat(call.world.all(Instruction.Enqueue.class)).hasSize(1);
    }

    @Test
    void threeWrongPinsEndVerificationAndSendNothing() {
        Call call = known().press("5").press("1111");
        assertThat(call.prompts()).containsExactly("ru/pin-wrong", "ru/enter-pin");
        call.press("2222").press("3333");
        assertThat(call.world.all(Instruction.VerifyPin.class)).hasSize(3);
        assertThat(call.world.all(Instruction.SendSms.class)).isEmpty();
        assertThat(call.session.verified()).isFalse();
        assertThat(call.session.pinFailures()).isEqualTo(3);
        assertThat(call.world.all(Instruction.Enqueue.class)).hasSize(1);
        assertThat(call.session.trail()).contains("wrong PIN 3 times: verification failed");
    }

    @Test
    void aLockedOutCustomerHearsSoAndGetsNoSms() {
        Call call = known(w -> { w.pinResult = PinVerifier.Result.LOCKED; return w; }).press("5").press("2468");
        assertThat(call.prompts()).startsWith("ru/pin-locked");
        assertThat(call.world.all(Instruction.SendSms.class)).isEmpty();
    }

    @Test
    void anUnidentifiedCallerCannotBeVerifiedAndIsNeverTexted() {
        Call call = known(w -> { w.known = false; return w; }).press("1").press("999").press("5");
        assertThat(call.world.all(Instruction.VerifyPin.class)).isEmpty();
        assertThat(call.world.all(Instruction.SendSms.class)).isEmpty();
        assertThat(call.world.all(Instruction.Enqueue.class)).hasSize(1);
    }

    @Test
    void aWithheldNumberIsNotIdentifiedAndGetsNoCallbackOffers() {
        Call call = new Call(new World(), "");
        assertThat(call.prompts()).startsWith("en/welcome", "en/choose-language");
        assertThat(call.world.all(Instruction.LookupCaller.class)).isEmpty();
        call.world.open = false;
        call.press("1").press("999").press("1");
        assertThat(call.world.all(Instruction.RequestCallback.class)).isEmpty();
        assertThat(call.session.ended()).isTrue();
    }

    @Test
    void badKeysAreRetriedThenTheCallerGoesToAnOperator() {
        Call call = known().press("7");
        assertThat(call.prompts()).containsExactly("ru/invalid", "ru/main-menu");
        call.send(new FlowInput.NoInput());
        assertThat(call.prompts()).containsExactly("ru/main-menu");
        call.press("8");
        assertThat(call.world.all(Instruction.Enqueue.class)).hasSize(1);
    }

    @Test
    void anEndedSessionOnlyHangsUp() {
        Call call = known().press("5").press("2468");
        assertThat(interpreter.step(call.session, new FlowInput.Digits("1")).instructions())
                .containsExactly(new Instruction.Hangup());
    }

    @Test
    void anInputTheNodeDoesNotExpectIsRejected() {
        Call call = known();
        assertThrows(IllegalStateException.class, () -> interpreter.step(call.session, new FlowInput.Done()));
    }

    @Test
    void theSessionSurvivesJsonAndResumesWhereItWas() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Call call = known().press("4");
        String text = json.writeValueAsString(call.session);
        FlowSession back = json.readValue(text, FlowSession.class);
        assertThat(back).isEqualTo(call.session);

        call.session = back;
        call.press("2468");
        assertThat(call.said()).isEqualTo("5550123");
    }

    @Test
    void everySmsOfTheShippedFlowCarriesCustomerDataAndIsStoredAsASecret() {
        Flow flow = FlowLoader.load(Path.of("../ivr-flows/support.yaml"));
        java.util.List<FlowNode.SendSms> texts = flow.nodes().values().stream()
                .filter(n -> n instanceof FlowNode.SendSms).map(n -> (FlowNode.SendSms) n).toList();
        assertThat(texts).extracting(FlowNode.SendSms::id).contains("contract-sms");
        assertThat(texts).allSatisfy(n -> assertThat(n.secret()).as("%s is secret", n.id()).isTrue());
    }

    @Test
    void aSendSmsNodeIsSecretUnlessItSaysOtherwise(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String base = java.nio.file.Files.readString(Path.of("../ivr-flows/support.yaml"));
        Path plain = dir.resolve("support.yaml");
        java.nio.file.Files.writeString(plain, base.replace("    purpose: contract-number\n    secret: true\n",
                "    purpose: contract-number\n    secret: false\n"));
        java.nio.file.Files.copy(Path.of("../ivr-flows/prompts"), dir.resolve("prompts"));
        for (java.nio.file.Path f : java.nio.file.Files.list(Path.of("../ivr-flows/prompts")).toList()) {
            java.nio.file.Files.copy(f, dir.resolve("prompts").resolve(f.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Flow flow = FlowLoader.load(plain);
        assertThat(((FlowNode.SendSms) flow.nodes().get("contract-sms")).secret()).as("explicitly not secret").isFalse();
    }
}
