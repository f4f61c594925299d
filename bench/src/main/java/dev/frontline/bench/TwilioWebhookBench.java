package dev.frontline.bench;

import dev.frontline.core.acd.AcdConfig;
import dev.frontline.core.acd.AcdService;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.call.IvrListener;
import dev.frontline.core.call.IvrPorts;
import dev.frontline.core.call.IvrService;
import dev.frontline.core.call.IvrSettings;
import dev.frontline.core.callback.BusinessHours;
import dev.frontline.core.callback.CallbackNotices;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Language;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.config.ConfigNode;
import dev.frontline.core.customer.NewCustomer;
import dev.frontline.core.customer.PhoneNumbers;
import dev.frontline.core.desk.DeskHours;
import dev.frontline.core.security.SlowHash;
import dev.frontline.core.customer.OutageCache;
import dev.frontline.core.store.CallRecordRepository;
import dev.frontline.core.store.CallerIndex;
import dev.frontline.core.store.Database;
import dev.frontline.core.store.FlowSessionStore;
import dev.frontline.core.store.JdbcAcdEventLog;
import dev.frontline.core.store.JdbcCustomerRepository;
import dev.frontline.core.store.JdbcOutageRepository;
import dev.frontline.core.store.JdbcPinVerifier;
import dev.frontline.server.sms.LogOnlySmsSender;
import dev.frontline.server.sms.SmsConfig;
import dev.frontline.server.sms.SmsService;
import dev.frontline.server.twilio.TwilioBackend;
import dev.frontline.server.twilio.TwilioConfig;
import dev.frontline.server.twilio.peer.LoopbackTwilioApi;
import dev.frontline.server.twilio.peer.TwilioWebhookCaller;
import io.javalin.Javalin;

import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntUnaryOperator;

/**
 * Twilio webhooks under load (a benchmark, not a test): N concurrent calls, each webhook by webhook through the real
 * support flow (IvrService + AcdService on a SQLite file, signatures checked, TwiML built with the SDK): incoming
 * call, menu key 1 (technical failure, queued), two hold-loop ticks, then the status callback "completed".
 * With every real webhook the same caller posts the same parameters to a handler that answers fixed TwiML on the
 * same server, just before or just after it (a coin flip per webhook, {@code --order=random}; {@code real-first} /
 * {@code fixed-first} to compare: whichever goes first meets caches the 1-3 s pause has cooled, which made a fixed
 * answer posted always second look 1.5x cheaper than it is). Prints p50 / p99 of the server-side handling time
 * (Javalin's request logger), of the CPU time the handling thread spent on it (from a before-handler to the
 * logger, on the same thread) and of the round trip seen by the caller, for both, and the ratios. The real webhooks do all their work before answering except the
 * store writes, which are write-behind (committed by the store's writer thread about a millisecond later; ADR 0043);
 * the ACD still has its events committed (by the same writer) before it acts on them. Calls start spread over 3 s; between two webhooks a caller "listens" 1-3 s (real prompts take
 * 3-10 s), so 200 calls make about 100 webhooks a second; {@code --burst} drops the pauses (a stress test: every
 * caller fires its next webhook at once). {@code --control=MICROS} adds a third handler that spins the CPU for that
 * long before the same fixed answer, posted after the fixed one: how the tail of a handler that merely does some
 * work compares with the constant answer on this machine.
 *
 * The measured phase is {@code --waves} (default 3) waves of {@code calls} concurrent calls one after the other, each
 * from callers calling for the first time: the p99 of 1,000 webhooks (one wave) is their 10th slowest and moved
 * 2.2-3.2x between runs of unchanged code; each wave's p99 is printed too.
 *
 * <pre>bench/run TwilioWebhookBench [calls] [--waves=3] [--burst] [--control=100] [--order=random|real-first|fixed-first]</pre>
 */
public final class TwilioWebhookBench {
    private static final ZoneId VILNIUS = ZoneId.of("Europe/Vilnius");
    private static final Instant MONDAY_10_LOCAL = Instant.parse("2026-11-23T08:00:00Z");
    private static final String SID = "AC0123456789abcdef0123456789abcdef";
    private static final String TOKEN = "bench-token";
    private static final String PUBLIC = "https://ivr.example.com";
    private static final String FIXED = "/bench/fixed-twiml";
    private static final String CONTROL = "/bench/fixed-after-work";
    /** Distinct callers of the warm-up calls (each calls again in later warm-up rounds, with a new CallSid). */
    private static final int WARM_UP_CALLERS = 1000;
    /** Warm-up calls per round; rounds go on until the JIT is quiet (see {@link #warmUp}). */
    private static final int WARM_UP_ROUND = 1000;
    private static final int WARM_UP_MAX_CALLS = 40_000;
    /** A warm-up round is quiet when the JIT compiled for less than this share of the round's wall time. */
    private static final double QUIET_JIT_SHARE = 0.01;
    private static final String FIXED_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Gather action=\""
            + PUBLIC + "/twilio/gather\" input=\"dtmf\" numDigits=\"1\" timeout=\"6\"><Play>" + PUBLIC
            + "/sounds/en/main-menu.wav</Play></Gather></Response>";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final String CPU_AT_START = "bench.cpuAtStart";

    private final Map<String, ConcurrentLinkedQueue<Double>> serverMs = new java.util.concurrent.ConcurrentHashMap<>();
    /** CPU time of the handling thread per request (same keys as {@link #serverMs}'s real / fixed / control). */
    private final Map<String, ConcurrentLinkedQueue<Double>> serverCpuMs = new java.util.concurrent.ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Double> realRoundTrip = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Double> fixedRoundTrip = new ConcurrentLinkedQueue<>();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final long controlMicros;
    private final Order order;
    /** Measured waves of {@code calls} concurrent calls, one after the other (each caller calls once). */
    private final int waves;
    /** Per wave: real and fixed server-side p99 (ms). */
    private final List<double[]> waveP99 = new ArrayList<>();
    private String warmUpSummary = "no warm-up";

    /** Which of the two requests of a webhook goes first: the first one meets a machine that was idle for 1-3 s. */
    private enum Order { RANDOM, REAL_FIRST, FIXED_FIRST }

    private TwilioWebhookBench(long controlMicros, Order order, int waves) {
        this.controlMicros = controlMicros;
        this.order = order;
        this.waves = waves;
    }

    public static void main(String[] args) throws Exception {
        int calls = 200;
        boolean burst = false;
        long controlMicros = 0;
        Order order = Order.RANDOM;
        int waves = 3;
        for (String a : args) {
            if (a.equals("--burst")) {
                burst = true;
            } else if (a.startsWith("--order=")) {
                order = Order.valueOf(a.substring("--order=".length()).toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } else if (a.startsWith("--waves=")) {
                waves = Integer.parseInt(a.substring("--waves=".length()));
            } else if (a.startsWith("--control=")) {
                controlMicros = Long.parseLong(a.substring("--control=".length()));
            } else {
                calls = Integer.parseInt(a);
            }
        }
        new TwilioWebhookBench(controlMicros, order, waves).run(calls, burst);
    }

    private void run(int calls, boolean burst) throws Exception {
        for (String kind : List.of("real", "fixed", "control")) {
            serverMs.put(kind, new ConcurrentLinkedQueue<>());
            serverCpuMs.put(kind, new ConcurrentLinkedQueue<>());
        }
        Path dir = Files.createTempDirectory("frontline-twilio-bench");
        Clock clock = Clock.fixed(MONDAY_10_LOCAL, ZoneOffset.UTC);
        try (Database db = Database.sqlite(dir.resolve("bench.db"));
             LoopbackTwilioApi api = new LoopbackTwilioApi()) {
            List<NewCustomer> customers = new ArrayList<>();
            for (int i = 0; i < calls * waves + WARM_UP_CALLERS; i++) {
                customers.add(new NewCustomer("B" + (100000 + i), "Bench Customer " + i, Optional.of(phone(i)), List.of(), "",
                        "Street " + i, "Vilnius-1", "Fiber 300", List.of("internet"), "active", Language.EN, "user" + i,
                        Optional.empty()));
            }
            new JdbcCustomerRepository(db, clock).insertAll(customers);
            SmsService sms = SmsService.create(db, SmsConfig.defaults(), new LogOnlySmsSender(), clock);
            AtomicReference<CallConnector> connector = new AtomicReference<>();
            AcdService acd = new AcdService(AcdConfig.defaults(), clock, new JdbcAcdEventLog(db), id -> Optional.empty(),
                    BusinessHours.always(), forwarding(connector), sms, new CallbackNotices("+37052000000")).start(false);
            // wired as FrontlineServer wires a SQLite store: callers recognised from memory, outages read once a second
            CallerIndex callers = new CallerIndex(db, new JdbcCustomerRepository(db, clock), Duration.ofSeconds(1));
            OutageCache outages = new OutageCache(new JdbcOutageRepository(db), Duration.ofSeconds(1));
            IvrService ivr = new IvrService(IvrService.loadFlows(Path.of("ivr-flows")), new IvrPorts(
                    callers, new JdbcPinVerifier(db, new SlowHash(10), clock, 3, Duration.ofMinutes(15)),
                    outages, sms, acd, DeskHours.defaults(VILNIUS), new PhoneNumbers("LT"), clock),
                    new FlowSessionStore(db, clock), new CallRecordRepository(db, clock),
                    new IvrSettings(Path.of("ivr-flows"), IvrSettings.DEFAULT_RESET_LINK, Optional.empty(), VILNIUS), IvrListener.NONE);
            TwilioConfig config = TwilioConfig.from(new ConfigNode("twilio", Map.of("enabled", true, "account-sid", SID,
                    "auth-token", TOKEN, "public-base-url", PUBLIC, "from-number", "+37052000000",
                    "api-base-url", api.baseUrl().toString())), Map.of());
            try (TwilioBackend backend = TwilioBackend.create(config, ivr, acd, db, Path.of("sounds"), Optional.of(sms), clock)) {
                connector.set(backend.connector());
                Javalin app = Javalin.create(c -> {
                    c.showJavalinBanner = false;
                    c.requestLogger.http((ctx, ms) -> {
                        String kind = ctx.path().equals(FIXED) ? "fixed" : ctx.path().equals(CONTROL) ? "control" : "real";
                        serverMs.get(kind).add(ms.doubleValue());
                        serverMs.computeIfAbsent(ctx.path(), k -> new ConcurrentLinkedQueue<>()).add(ms.doubleValue());
                        Long cpuAtStart = ctx.attribute(CPU_AT_START);
                        if (cpuAtStart != null) { // the logger runs on the thread that handled the request
                            double cpu = (THREADS.getCurrentThreadCpuTime() - cpuAtStart) / 1e6;
                            serverCpuMs.get(kind).add(cpu);
                            serverCpuMs.computeIfAbsent(ctx.path(), k -> new ConcurrentLinkedQueue<>()).add(cpu);
                        }
                    });
                });
                app.before(ctx -> ctx.attribute(CPU_AT_START, THREADS.getCurrentThreadCpuTime()));
                backend.register(app);
                app.post(FIXED, ctx -> {
                    ctx.formParamMap();
                    ctx.contentType("application/xml; charset=utf-8").result(FIXED_TWIML);
                });
                long work = controlMicros > 0 ? calibrate(controlMicros) : 0;
                app.post(CONTROL, ctx -> {
                    ctx.formParamMap();
                    ctx.header("X-Work", Long.toString(work(work))).contentType("application/xml; charset=utf-8")
                            .result(FIXED_TWIML);
                });
                app.start("127.0.0.1", 0);
                try {
                    TwilioWebhookCaller twilio = new TwilioWebhookCaller("http://127.0.0.1:" + app.port(), PUBLIC, TOKEN);
                    warmUp(twilio, calls);
                    serverMs.values().forEach(ConcurrentLinkedQueue::clear);
                    serverCpuMs.values().forEach(ConcurrentLinkedQueue::clear);
                    realRoundTrip.clear();
                    fixedRoundTrip.clear();
                    errors.set(0);
                    firstError.set(null);
                    long t0 = System.nanoTime();
                    for (int w = 0; w < waves; w++) {
                        int before = serverMs.get("real").size();
                        int beforeFixed = serverMs.get("fixed").size();
                        round(twilio, calls, WARM_UP_MAX_CALLS + w * calls, i -> i - WARM_UP_MAX_CALLS, burst);
                        List<Double> real = new ArrayList<>(serverMs.get("real"));
                        List<Double> fixed = new ArrayList<>(serverMs.get("fixed"));
                        List<Double> r = new ArrayList<>(real.subList(before, real.size()));
                        List<Double> f = new ArrayList<>(fixed.subList(beforeFixed, fixed.size()));
                        Collections.sort(r);
                        Collections.sort(f);
                        waveP99.add(new double[] {p(r, 99), p(f, 99)});
                    }
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    report(calls, burst, seconds);
                } finally {
                    app.stop();
                }
            }
            acd.close();
            sms.close();
            callers.close();
            outages.close();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // temp files only
            }
        }
    }

    /**
     * Burst rounds of calls from {@link #WARM_UP_CALLERS} callers until a round leaves the JIT quiet: every webhook
     * route C2-compiled, as in a server that has been up for a while. (A fixed 2,000 calls, 10,000 webhooks, was not
     * enough: each route got 2,000-4,000 requests and stayed in C1 while the fixed answer, posted with every webhook,
     * was C2-compiled; that alone made the real webhooks' p99 about 3x higher.)
     */
    private void warmUp(TwilioWebhookCaller twilio, int calls) throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        int done = 0;
        int firstCaller = calls * waves;
        double jitShare;
        do {
            long jitMsBefore = jit.getTotalCompilationTime();
            long t0 = System.nanoTime();
            for (int w = 0; w < WARM_UP_ROUND; w += calls) {
                round(twilio, Math.min(calls, WARM_UP_ROUND - w), done + w, i -> firstCaller + i % WARM_UP_CALLERS, true);
            }
            done += WARM_UP_ROUND;
            jitShare = (jit.getTotalCompilationTime() - jitMsBefore) / ((System.nanoTime() - t0) / 1e6);
        } while (jitShare >= QUIET_JIT_SHARE && done < WARM_UP_MAX_CALLS);
        warmUpSummary = String.format("warm-up %,d calls (%d errors%s) until the JIT compiled for %.1f%% of a round's time",
                done, errors.get(), firstError.get() == null ? "" : ", first: " + firstError.get(), jitShare * 100);
    }

    /**
     * {@code calls} concurrent calls numbered from {@code first} (their CallSids), each from the customer whose phone
     * number {@code caller} picks for its number.
     */
    private void round(TwilioWebhookCaller twilio, int calls, int first, IntUnaryOperator caller, boolean burst)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(calls);
        CountDownLatch go = new CountDownLatch(1);
        for (int i = 0; i < calls; i++) {
            int n = first + i;
            pool.execute(() -> {
                try {
                    go.await();
                    call(twilio, n, caller.applyAsInt(n), burst);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    fail(e.toString());
                }
            });
        }
        go.countDown();
        pool.shutdown();
        if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
            pool.shutdownNow();
            throw new IllegalStateException("bench round did not finish in 10 minutes");
        }
    }

    /** One call, webhook by webhook, as Twilio drives it. */
    private void call(TwilioWebhookCaller twilio, int n, int caller, boolean burst) throws InterruptedException {
        if (!burst) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(0, 3001)); // calls arrive over 3 s, then overlap
        }
        String sid = String.format("CA%032x", 0xbe7c000000L + n);
        Map<String, String> base = TwilioWebhookCaller.voiceParams(sid, phone(caller), "+37052000000", "in-progress");
        expect(twilio, "/twilio/voice", base, "/twilio/gather", burst);
        Map<String, String> key = new LinkedHashMap<>(base);
        key.put("Digits", "1");
        expect(twilio, "/twilio/gather", key, "/twilio/hold", burst);
        expect(twilio, "/twilio/hold", base, "/twilio/hold", burst);
        expect(twilio, "/twilio/hold", base, "/twilio/hold", burst);
        Map<String, String> done = new LinkedHashMap<>(base);
        done.put("CallStatus", "completed");
        expect(twilio, "/twilio/status", done, null, burst);
    }

    private void expect(TwilioWebhookCaller twilio, String path, Map<String, String> params, String nextAction,
                        boolean burst) throws InterruptedException {
        boolean fixedFirst = order == Order.FIXED_FIRST || order == Order.RANDOM && ThreadLocalRandom.current().nextBoolean();
        if (fixedFirst) {
            fixed(twilio, params);
        }
        long t = System.nanoTime();
        TwilioWebhookCaller.Answer a = twilio.post(path, params);
        realRoundTrip.add((System.nanoTime() - t) / 1e6);
        boolean ok = nextAction == null ? a.status() == 204 : a.status() == 200 && a.body().contains(PUBLIC + nextAction);
        if (!ok) {
            fail(path + " -> " + a.status() + " " + a.body());
        }
        if (!fixedFirst) {
            fixed(twilio, params);
        }
        if (!burst) {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1000, 3001));
        }
    }

    /** The fixed answer (and the control after it) for the same parameters. */
    private void fixed(TwilioWebhookCaller twilio, Map<String, String> params) {
        long t = System.nanoTime();
        TwilioWebhookCaller.Answer fixed = twilio.send(FIXED, params, "unused");
        fixedRoundTrip.add((System.nanoTime() - t) / 1e6);
        if (fixed.status() != 200) {
            fail(FIXED + " -> " + fixed.status());
        }
        if (controlMicros > 0 && twilio.send(CONTROL, params, "unused").status() != 200) {
            fail(CONTROL + " -> failed");
        }
    }

    /** A fixed amount of CPU work (not a wall-clock wait: a thread that is preempted takes longer, as real work does). */
    private static long work(long rounds) {
        long x = 0x9E3779B97F4A7C15L;
        for (long i = 0; i < rounds; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** How many rounds of {@link #work} take {@code micros} on this machine while it is idle (median of 201). */
    private static long calibrate(long micros) {
        long rounds = 1000;
        for (int i = 0; i < 20_000; i++) {
            work(rounds); // JIT
        }
        double[] perRound = new double[201];
        for (int i = 0; i < perRound.length; i++) {
            long t = System.nanoTime();
            work(100_000);
            perRound[i] = (System.nanoTime() - t) / 100_000.0;
        }
        java.util.Arrays.sort(perRound);
        return Math.round(micros * 1000 / perRound[perRound.length / 2]);
    }

    private void fail(String what) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, what);
    }

    private void report(int calls, boolean burst, double seconds) {
        List<Double> real = sorted(serverMs.get("real"));
        List<Double> fixed = sorted(serverMs.get("fixed"));
        List<Double> realRt = sorted(realRoundTrip);
        List<Double> fixedRt = sorted(fixedRoundTrip);
        System.out.printf("TwilioWebhookBench: %d concurrent calls x 5 webhooks, %d wave(s) (%s; %s), %d real + %d fixed requests in %.1f s, "
                        + "%d errors%s, %d cores; %s%n", calls, waves, burst ? "burst, no pauses" : "1-3 s pauses between webhooks",
                switch (order) {
                    case RANDOM -> "real or fixed first at random";
                    case REAL_FIRST -> "real first";
                    case FIXED_FIRST -> "fixed first";
                },
                real.size(), fixed.size(), seconds, errors.get(),
                firstError.get() == null ? "" : " (first: " + firstError.get() + ")", Runtime.getRuntime().availableProcessors(),
                warmUpSummary);
        System.out.printf("  server-side  real webhooks : p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", p(real, 50), p(real, 99), p(real, 100));
        System.out.printf("  server-side  fixed TwiML   : p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms%n", p(fixed, 50), p(fixed, 99), p(fixed, 100));
        List<Double> control = sorted(serverMs.get("control"));
        if (!control.isEmpty()) {
            System.out.printf("  server-side  fixed after %d us (idle) of CPU work, control: p50 %6.2f ms  p99 %6.2f ms  -> ratio to fixed p50 %.1fx  p99 %.1fx%n",
                    controlMicros, p(control, 50), p(control, 99), p(control, 50) / Math.max(0.001, p(fixed, 50)),
                    p(control, 99) / Math.max(0.001, p(fixed, 99)));
        }
        serverMs.forEach((path, q) -> {
            if (path.startsWith("/")) {
                List<Double> l = sorted(q);
                List<Double> cpu = sorted(serverCpuMs.getOrDefault(path, new ConcurrentLinkedQueue<>()));
                System.out.printf("    %-24s n=%4d  p50 %6.2f ms  p99 %6.2f ms   CPU p50 %6.3f ms  p99 %6.3f ms%n", path, l.size(),
                        p(l, 50), p(l, 99), p(cpu, 50), p(cpu, 99));
            }
        });
        List<Double> realCpu = sorted(serverCpuMs.get("real"));
        List<Double> fixedCpu = sorted(serverCpuMs.get("fixed"));
        System.out.printf("  CPU time of the handling thread  real: p50 %6.3f ms  p99 %6.3f ms   fixed: p50 %6.3f ms  p99 %6.3f ms"
                        + "   -> ratio p50 %.1fx  p99 %.1fx%n", p(realCpu, 50), p(realCpu, 99), p(fixedCpu, 50), p(fixedCpu, 99),
                p(realCpu, 50) / Math.max(0.001, p(fixedCpu, 50)), p(realCpu, 99) / Math.max(0.001, p(fixedCpu, 99)));
        List<Double> controlCpu = sorted(serverCpuMs.get("control"));
        if (!controlCpu.isEmpty()) {
            System.out.printf("  CPU time of the handling thread  control: p50 %6.3f ms  p99 %6.3f ms%n", p(controlCpu, 50), p(controlCpu, 99));
        }
        System.out.printf("  round trip   real webhooks : p50 %6.2f ms  p99 %6.2f ms%n", p(realRt, 50), p(realRt, 99));
        System.out.printf("  round trip   fixed TwiML   : p50 %6.2f ms  p99 %6.2f ms%n", p(fixedRt, 50), p(fixedRt, 99));
        StringBuilder perWave = new StringBuilder();
        for (double[] w : waveP99) {
            perWave.append(String.format(java.util.Locale.ROOT, " %.2f/%.2f=%.1fx", w[0], w[1], w[0] / Math.max(0.001, w[1])));
        }
        System.out.printf("  server-side p99 real/fixed by wave (ms):%s%n", perWave);
        System.out.printf("  ratio real/fixed  server-side p50 %.1fx  p99 %.1fx   round-trip p50 %.2fx  p99 %.2fx   (goal: p99 < 20 ms, ratio < 2x)%n",
                p(real, 50) / Math.max(0.001, p(fixed, 50)), p(real, 99) / Math.max(0.001, p(fixed, 99)),
                p(realRt, 50) / Math.max(0.001, p(fixedRt, 50)),
                p(realRt, 99) / Math.max(0.001, p(fixedRt, 99)));
    }

    private static List<Double> sorted(ConcurrentLinkedQueue<Double> q) {
        List<Double> l = new ArrayList<>(q);
        Collections.sort(l);
        return l;
    }

    private static double p(List<Double> sorted, int pct) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(pct / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static String phone(int i) {
        return "+3706" + String.format("%07d", 1000000 + i);
    }

    private static CallConnector forwarding(AtomicReference<CallConnector> target) {
        return new CallConnector() {
            @Override
            public void connect(CallId callId, OperatorId operator, String endpoint) {
                target.get().connect(callId, operator, endpoint);
            }

            @Override
            public void originateCallback(String attemptId, OperatorId operator, String endpoint, String number, String callerId) {
                target.get().originateCallback(attemptId, operator, endpoint, number, callerId);
            }
        };
    }
}
