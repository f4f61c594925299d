package dev.frontline.core.acd;

import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.CustomerId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * Random but reproducible ACD histories (issue 23's property tests): a seeded mix of every command the ACD takes,
 * driven through a real {@link Router} with a clock that mostly moves seconds and sometimes hours, so calls wait, ring,
 * talk, are held, transferred, consulted about, lost and called back (callback conversations held, transferred and
 * consulted about too), operators come and go, callbacks fall due and statistics age out.
 */
final class AcdHistories {
    static final OperatorId[] OPERATORS = {AcdFixtures.op("anna"), AcdFixtures.op("bob"), AcdFixtures.op("carl"),
            AcdFixtures.op("dora"), AcdFixtures.op("eve"), AcdFixtures.op("finn")};

    private AcdHistories() {}

    /** Operators of different queues, lines and languages (one, "ghost", is logged in the history but unknown). */
    static AcdFixtures.Directory directory() {
        return new AcdFixtures.Directory()
                .add("anna")
                .add("bob", Set.of(Intent.TECHNICAL), Set.of(Tier.LINE1, Tier.LINE2), Set.of(Language.EN, Language.RU))
                .add("carl", Set.of(Intent.SALES, Intent.GENERAL), Set.of(Tier.LINE1), Set.of(Language.LT, Language.EN))
                .add("dora", Set.of(Intent.values()), Set.of(Tier.LINE2, Tier.LINE3), Set.of(Language.values()))
                .add("eve", Set.of(Intent.GENERAL), Set.of(Tier.LINE1), Set.of(Language.PL, Language.SL))
                .add("finn");
    }

    /** The customers the histories name (ids 1..8), so the store's callbacks rows may refer to them. */
    static void addCustomers(dev.frontline.core.store.Database db) {
        db.inTransaction(c -> {
            try (var ps = c.prepareStatement("INSERT INTO customers(id, contract_number, name, created_at)"
                    + " VALUES (?,?,?,0)")) {
                for (int i = 1; i <= 8; i++) {
                    ps.setLong(1, i);
                    ps.setString(2, "C-" + i);
                    ps.setString(3, "Customer " + i);
                    ps.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The events of {@code commands} random commands from seed {@code seed}. */
    static List<AcdEvent> history(long seed, int commands, AcdConfig config) {
        Random r = new Random(seed);
        ManualClock clock = new ManualClock(AcdFixtures.T0);
        Router router = new Router(config, directory(), BusinessHours.always());
        Driver d = new Driver(r, clock, router);
        for (int i = 0; i < commands; i++) {
            d.step();
        }
        return d.events;
    }

    /** Drives {@code router} with random commands; {@link #events} is everything it emitted. */
    static final class Driver {
        final Random r;
        final ManualClock clock;
        final Router router;
        final List<AcdEvent> events = new ArrayList<>();
        private final List<CallId> calls = new ArrayList<>();
        private final List<String> attempts = new ArrayList<>();
        /** Who each call was last offered to (the backend's answers and rings name that operator). */
        private final java.util.Map<CallId, OperatorId> offered = new java.util.HashMap<>();
        private long callbacks;
        private int next;

        Driver(Random r, ManualClock clock, Router router) {
            this.r = r;
            this.clock = clock;
            this.router = router;
        }

        /** Knows the calls, callback attempts and callbacks of {@code past} (to continue a history). */
        Driver after(List<AcdEvent> past) {
            for (AcdEvent e : past) {
                if (e instanceof AcdEvent.CallQueued q) {
                    calls.add(q.callId());
                    next++;
                }
                see(e);
            }
            return this;
        }

        private void see(AcdEvent e) {
            if (e instanceof AcdEvent.CallbackOffered o) {
                attempts.add(o.attemptId());
            } else if (e instanceof AcdEvent.CallbackQueued q) {
                callbacks = Math.max(callbacks, q.callbackId().value());
            } else if (e instanceof AcdEvent.CallOffered o) {
                offered.put(o.callId(), o.operator());
            }
        }

        /** Mostly the operator the call was offered to, sometimes anyone. */
        private OperatorId operatorOf(CallId call) {
            OperatorId o = offered.get(call);
            return o == null || r.nextInt(4) == 0 ? operator() : o;
        }

        /** One random command at the clock's time, then the clock moves on. */
        List<AcdEvent> step() {
            List<AcdEvent> out = router.handle(command(), clock.instant());
            for (AcdEvent e : out) {
                see(e);
            }
            events.addAll(out);
            int k = r.nextInt(100);
            clock.advance(k < 2 ? Duration.ofMinutes(30 + r.nextInt(150)) : Duration.ofMillis(r.nextInt(20_000)));
            return out;
        }

        /** Mostly what a desk would do next (from the routing picture), otherwise anything (often refused). */
        private AcdCommand command() {
            if (r.nextInt(100) < 60) {
                List<OperatorView> ops = router.snapshot(clock.instant()).operators();
                if (!ops.isEmpty()) {
                    AcdCommand c = likely(ops.get(r.nextInt(ops.size())));
                    if (c != null) {
                        return c;
                    }
                }
            }
            return anything();
        }

        private AcdCommand likely(OperatorView o) {
            int k = r.nextInt(100);
            CallId c = o.currentCall().orElse(null);
            switch (o.state()) {
                case OFFLINE, BREAK, MISSED -> {
                    return new AcdCommand.SetOperatorState(o.id(), k < 85 ? OperatorState.READY : OperatorState.BREAK,
                            k < 85 ? "" : "lunch");
                }
                case READY -> {
                    return k < 10 ? new AcdCommand.SetOperatorState(o.id(), OperatorState.BREAK, "coffee") : null;
                }
                case WRAP_UP -> {
                    return k < 60 ? new AcdCommand.EndWrapUp(o.id()) : null;
                }
                case RINGING -> {
                    if (c == null) {
                        return null;
                    }
                    if (c.value().endsWith(AcdState.CONSULT_SUFFIX)) { // a colleague rung for a consultation
                        CallId about = consulted(c);
                        return k < 50 ? new AcdCommand.ConsultAnswered(about, o.id())
                                : k < 75 ? new AcdCommand.ConsultFailed(about, o.id(), "ring no answer") : null;
                    }
                    if (c.value().startsWith("cb-")) {
                        return k < 50 ? new AcdCommand.CallbackAnswered(c.value())
                                : k < 85 ? new AcdCommand.CallbackAttemptFailed(c.value(), pick(CallbackOutcome.values()),
                                "no answer") : null;
                    }
                    return k < 45 ? new AcdCommand.OperatorAnswered(c, r.nextBoolean() ? o.id() : null)
                            : k < 60 ? new AcdCommand.PhoneRinging(c, o.id())
                            : k < 70 ? new AcdCommand.RingNoAnswer(c, o.id(), "ring no answer")
                            : k < 76 ? new AcdCommand.ConnectFailed(c, "provider 500")
                            : k < 82 ? new AcdCommand.CallerHungUp(c)
                            : k < 85 ? new AcdCommand.LineLost(c, "core restart")
                            : null;
                }
                case TALKING -> {
                    if (c == null) {
                        return null;
                    }
                    if (c.value().endsWith(AcdState.CONSULT_SUFFIX)) { // the consulted colleague talks
                        return k < 25 ? new AcdCommand.ConsultFailed(consulted(c), o.id(), "hung up") : null;
                    }
                    // callback conversations ("cb-...") take the same commands as queued calls (ADR 0147); they
                    // are fewer, so they end less often here and are held, transferred and consulted about more
                    if (c.value().startsWith("cb-") && k < 40) {
                        k = 40 + r.nextInt(49);
                    }
                    return k < 40 ? new AcdCommand.CallEnded(c)
                            : k < 52 ? new AcdCommand.Hold(c, o.id(), r.nextBoolean())
                            : k < 63 ? new AcdCommand.Transfer(c, r.nextBoolean() ? null : pick(Intent.values()),
                            r.nextBoolean() ? null : pick(Tier.values()), r.nextInt(3) == 0 ? operator() : null,
                            r.nextBoolean() ? "see ticket" : null)
                            : k < 67 ? new AcdCommand.CallerHungUp(c)
                            : k < 77 ? new AcdCommand.Consult(c, o.id(), r.nextInt(4) == 0 ? null : colleagueOf(o.id()),
                            pick(Tier.values()), r.nextBoolean() ? "ask dora" : null)
                            : k < 82 ? new AcdCommand.CompleteTransfer(c, o.id())
                            : k < 86 ? new AcdCommand.CancelConsult(c, o.id())
                            : k < 89 ? new AcdCommand.ConsultantLeft(c, o.id())
                            : null;
                }
                default -> {
                    return null;
                }
            }
        }

        private AcdCommand anything() {
            int k = r.nextInt(100);
            if (k < 20 || calls.isEmpty()) {
                return new AcdCommand.Enqueue(newCall());
            } else if (k < 30) {
                OperatorState[] states = {OperatorState.READY, OperatorState.READY, OperatorState.READY,
                        OperatorState.BREAK, OperatorState.OFFLINE, OperatorState.TALKING};
                return new AcdCommand.SetOperatorState(operator(), states[r.nextInt(states.length)],
                        r.nextBoolean() ? "" : "coffee");
            } else if (k < 40) {
                CallId c = call();
                return new AcdCommand.OperatorAnswered(c, r.nextInt(3) == 0 ? operatorOf(c) : null);
            } else if (k < 44) {
                CallId c = call();
                return new AcdCommand.RingNoAnswer(c, r.nextBoolean() ? null : operatorOf(c), "ring no answer");
            } else if (k < 48) {
                return new AcdCommand.CallerHungUp(call());
            } else if (k < 56) {
                return new AcdCommand.CallEnded(call());
            } else if (k < 61) {
                return new AcdCommand.EndWrapUp(operator());
            } else if (k < 63) {
                return new AcdCommand.ChangePriority(call(), 1 + r.nextInt(3));
            } else if (k < 66) {
                return new AcdCommand.Transfer(call(), r.nextBoolean() ? null : pick(Intent.values()),
                        r.nextBoolean() ? null : pick(Tier.values()), r.nextInt(3) == 0 ? operator() : null,
                        r.nextBoolean() ? "see ticket" : null);
            } else if (k < 68) {
                CallId c = call();
                return new AcdCommand.Hold(c, operatorOf(c), r.nextBoolean());
            } else if (k < 70) {
                return new AcdCommand.KeepPlaceByCallback(call(), "+3706" + (1_000_000 + r.nextInt(9_000_000)));
            } else if (k < 73) {
                return new AcdCommand.RequestCallback(request());
            } else if (k < 77 && !attempts.isEmpty()) {
                return new AcdCommand.CallbackAnswered(attempts.get(attempts.size() - 1 - r.nextInt(Math.min(3, attempts.size()))));
            } else if (k < 81 && !attempts.isEmpty()) {
                return new AcdCommand.CallbackAttemptFailed(attempts.get(attempts.size() - 1 - r.nextInt(Math.min(3,
                        attempts.size()))), pick(CallbackOutcome.values()), "busy line");
            } else if (k < 82 && callbacks > 0) {
                return new AcdCommand.CallBackNow(new CallbackId(1 + r.nextInt((int) callbacks)), operator());
            } else if (k < 84) {
                return new AcdCommand.SetPhoneRegistered(operator(), r.nextInt(3) != 0);
            } else if (k < 87) {
                CallId c = call();
                return new AcdCommand.PhoneRinging(c, operatorOf(c));
            } else if (k < 88) {
                return new AcdCommand.LineLost(call(), "core restart");
            } else if (k < 89) {
                return new AcdCommand.ConnectFailed(call(), "provider 500");
            } else if (k < 90 && r.nextInt(4) == 0) {
                return new AcdCommand.LinesLost(Set.of(pick(Backend.values())), "PBX restarted");
            } else if (k < 91) {
                return new AcdCommand.ReloadProfile(operator());
            }
            return new AcdCommand.Tick();
        }

        private QueuedCall newCall() {
            CallId id = new CallId("c" + next++);
            calls.add(id);
            Optional<CustomerId> customer = r.nextInt(3) == 0 ? Optional.of(new CustomerId(1 + r.nextInt(8)))
                    : Optional.empty();
            String number = r.nextInt(4) == 0 ? "anonymous" : "+3706" + (1_000_000 + r.nextInt(9_000_000));
            Tier tier = r.nextInt(5) == 0 ? Tier.LINE2 : Tier.LINE1;
            Intent intent = pick(Intent.values());
            return new QueuedCall(id, intent, 1 + r.nextInt(3), tier, pick(Language.values()), customer, number,
                    pick(Backend.values()), clock.instant());
        }

        private CallbackRequest request() {
            Instant now = clock.instant();
            Optional<Instant> start = r.nextBoolean() ? Optional.empty()
                    : Optional.of(now.plus(Duration.ofMinutes(r.nextInt(120))));
            Optional<Instant> end = r.nextInt(3) == 0 ? Optional.of(now.plus(Duration.ofMinutes(60 + r.nextInt(240))))
                    : Optional.empty();
            return new CallbackRequest(Optional.empty(), Optional.of(new CustomerId(1 + r.nextInt(8))),
                    "+3706" + (1_000_000 + r.nextInt(9_000_000)), pick(Intent.values()), 1 + r.nextInt(3),
                    pick(Tier.values()), pick(Language.values()), now, start, end, "web form");
        }

        /** Mostly a ready colleague of {@code me} (a consultation can ring them), else anyone. */
        private OperatorId colleagueOf(OperatorId me) {
            List<OperatorId> ready = router.snapshot(clock.instant()).operators().stream()
                    .filter(v -> v.state() == OperatorState.READY && !v.id().equals(me)).map(OperatorView::id).toList();
            return ready.isEmpty() || r.nextInt(5) == 0 ? operator() : ready.get(r.nextInt(ready.size()));
        }

        /** The call a consultation id ({@code <call>#consult}) is about. */
        private static CallId consulted(CallId consultId) {
            String v = consultId.value();
            return new CallId(v.substring(0, v.length() - AcdState.CONSULT_SUFFIX.length()));
        }

        /** Mostly a recent call (live ones), sometimes any. */
        private CallId call() {
            int n = calls.size();
            return r.nextInt(5) == 0 ? calls.get(r.nextInt(n)) : calls.get(Math.max(0, n - 1 - r.nextInt(Math.min(n, 12))));
        }

        private OperatorId operator() {
            return r.nextInt(40) == 0 ? AcdFixtures.op("ghost") : OPERATORS[r.nextInt(OPERATORS.length)];
        }

        private <T> T pick(T[] values) {
            return values[r.nextInt(values.length)];
        }
    }
}
