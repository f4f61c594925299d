package dev.frontline.bench;

import dev.frontline.core.common.CallId;
import dev.frontline.server.asterisk.AgiStats;
import dev.frontline.server.asterisk.AsteriskBackend;
import dev.frontline.server.asterisk.AsteriskConfig;
import dev.frontline.server.asterisk.PbxEvents;
import dev.frontline.core.operator.Operator;
import dev.frontline.core.operator.OperatorRepository;
import dev.frontline.core.common.OperatorId;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * FastAGI load: many concurrent fake-Asterisk channels against the real FastAGI server and script, on loopback.
 * Callers arrive at a fixed rate, press through the menu, wait on hold (1 s WAIT FOR DIGIT slices, announcements
 * every 5 s), are bridged to simulated operators (5 % ring-no-answer, requeued) and hear thanks; 5 % hang up in the
 * queue. A line-echo server measured in the same run, idle and under load, is the bare loopback round trip.
 *
 * <p>Args (all optional): {@code rate=120 seconds=75 warmup=20 desk=sim|real operators=1500 talk=9-13} (talk: seconds with the
 * operator, default 9-13 real / 4-6 sim). {@code desk=sim}
 * answers with {@link SimulatedDesk} (the menu's shape, records in memory); {@code desk=real} runs the support flow
 * and the ACD on a SQLite file in a temporary directory ({@link RealDesk}; lost = a call without an ended row in
 * {@code calls}; run from the repository root so {@code ivr-flows/} is found). Bounded: arrivals stop after
 * {@code seconds}, then every channel drains (at most 90 s more).
 */
public final class AgiLoadBench {

    public static void main(String[] args) throws Exception {
        double rate = arg(args, "rate", 120);
        int seconds = (int) arg(args, "seconds", 75);
        int warmup = (int) arg(args, "warmup", 20);
        boolean real = "real".equals(text(args, "desk", "sim"));
        int operators = (int) arg(args, "operators", 1500);
        // talk=MIN-MAX seconds with the operator; concurrency is about rate x (menu + hold + talk)
        String[] talk = text(args, "talk", real ? "9-13" : "4-6").split("-");
        long talkMin = (long) (Double.parseDouble(talk[0]) * 1000);
        long talkMax = (long) (Double.parseDouble(talk[talk.length - 1]) * 1000);
        SimulatedChannel.LoadModel model = real
                ? new SimulatedChannel.LoadModel(600, 250, 1000, talkMin, talkMax, 1500, 0.05, 0.05)
                : new SimulatedChannel.LoadModel(800, 250, 1200, talkMin, talkMax, 1500, 0.05, 0.05);

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AsteriskConfig config = AsteriskConfig.defaults().withPort(port).withPool(10, 4000)
                .withAmi(new AsteriskConfig.Ami(false, "127.0.0.1", 5038, "frontline", "", "frontline-callbacks",
                        Duration.ofSeconds(1), Duration.ofSeconds(30)));
        SimulatedDesk desk = null;
        RealDesk realDesk = null;
        java.nio.file.Path tmp = null;
        AsteriskBackend backend;
        if (real) {
            tmp = java.nio.file.Files.createTempDirectory("agibench");
            realDesk = new RealDesk(tmp.resolve("frontline.db"), config, operators, 10_000);
            backend = realDesk.backend;
        } else {
            desk = new SimulatedDesk(Duration.ofSeconds(6), Duration.ofSeconds(12));
            backend = AsteriskBackend.start(config, desk, desk, noOperators(), PbxEvents.NONE, Clock.systemUTC());
            desk.connector(backend.connector());
        }

        LatencyRecorder agiLatency = new LatencyRecorder(4_000_000);
        LatencyRecorder echoIdle = new LatencyRecorder(1_000_000);
        LatencyRecorder echoLoaded = new LatencyRecorder(5_000_000);
        Results results = new Results();

        try (EchoServer echo = new EchoServer()) {
            // the bare round trip on an idle machine
            runProbes(echo.port(), 16, Duration.ofSeconds(3), echoIdle);

            AtomicBoolean measuring = new AtomicBoolean();
            LatencyRecorder discard = new LatencyRecorder(1);
            List<Thread> channels = new ArrayList<>();
            long start = System.nanoTime();
            long interval = (long) (1e9 / rate);
            long nextSample = start;
            int maxLive = 0;
            long heapMax = 0;
            long liveSum = 0;
            int liveSamples = 0;
            Thread probes = null;
            long measureStart = 0;
            long startedAtMeasureStart = 0;
            int n = 0;
            long end = start + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                long due = start + n * interval;
                long now = System.nanoTime();
                if (now < due) {
                    Thread.sleep(Math.max(0, (due - now) / 1_000_000), (int) ((due - now) % 1_000_000));
                    continue;
                }
                if (!measuring.get() && now - start >= warmup * 1_000_000_000L) {
                    measuring.set(true);
                    measureStart = now;
                    startedAtMeasureStart = backend.stats().callsStarted();
                    probes = probesInBackground(echo.port(), 16, Duration.ofSeconds(seconds - warmup), echoLoaded);
                }
                String uid = "1700000000." + (++n);
                LatencyRecorder rec = measuring.get() ? agiLatency : discard;
                String caller = RealDesk.callerNumber(n % 10_000);
                Thread t = new Thread(null, new SimulatedChannel(port, uid, caller, model, rec, results), "caller-" + n,
                        256 * 1024);
                t.setDaemon(true);
                results.launched.incrementAndGet();
                t.start();
                channels.add(t);
                if (now >= nextSample) {
                    int live = backend.liveChannels();
                    maxLive = Math.max(maxLive, live);
                    heapMax = Math.max(heapMax, heapUsed());
                    if (measuring.get()) {
                        liveSum += live;
                        liveSamples++;
                    }
                    nextSample = now + 500_000_000L;
                }
            }
            long measureEnd = System.nanoTime();
            long startedInWindow = backend.stats().callsStarted() - startedAtMeasureStart;
            if (probes != null) {
                probes.join();
            }
            long drainEnd = System.nanoTime() + 90_000_000_000L;
            for (Thread t : channels) {
                t.join(Math.max(1, (drainEnd - System.nanoTime()) / 1_000_000));
            }
            AgiStats stats = backend.stats();
            long notFinished = channels.stream().filter(Thread::isAlive).count();
            final SimulatedDesk simDesk = desk;
            final RealDesk storeDesk = realDesk;
            long lost = results.completed.stream()
                    .filter(uid -> real ? !storeDesk.ended(uid) : !simDesk.ended(new CallId(uid))).count()
                    + (real ? 0 : simDesk.open()) + notFinished + results.closedEarly.get() + results.failed.get();
            double windowS = (measureEnd - measureStart) / 1e9;

            double agiP50 = agiLatency.percentileMicros(50);
            double agiP99 = agiLatency.percentileMicros(99);
            System.out.println("FastAGI load (loopback, " + Runtime.getRuntime().availableProcessors() + " cores, "
                    + "Asterisk-Java 3.42.2 DefaultAgiServer + Frontline script; desk "
                    + (real ? "real: support flow + ACD on SQLite, " + operators + " simulated operators" : "simulated") + ")");
            System.out.printf(Locale.ROOT, "  offered            %.0f calls/s for %d s (warm-up %d s), %d calls%n", rate, seconds, warmup, n);
            System.out.printf(Locale.ROOT, "  new calls/s        %.1f sustained over the %.0f s measured window%n", startedInWindow / windowS, windowS);
            System.out.printf(Locale.ROOT, "  concurrent         %d max, %.0f mean in window (channels in the script)%n", maxLive,
                    liveSamples == 0 ? 0.0 : (double) liveSum / liveSamples);
            System.out.printf(Locale.ROOT, "  AGI commands       %d measured; added latency p50 %.0f us, p99 %.0f us%n",
                    agiLatency.count(), agiP50, agiP99);
            System.out.printf(Locale.ROOT, "  loopback echo      idle p50 %.0f us p99 %.0f us; under load p50 %.0f us p99 %.0f us%n",
                    echoIdle.percentileMicros(50), echoIdle.percentileMicros(99), echoLoaded.percentileMicros(50),
                    echoLoaded.percentileMicros(99));
            System.out.printf(Locale.ROOT, "  ratio p99          %.2fx the loaded echo p99 (goal <= 3), %.2fx the idle echo p99%n",
                    agiP99 / echoLoaded.percentileMicros(99), agiP99 / echoIdle.percentileMicros(99));
            System.out.printf(Locale.ROOT, "  heap used          %d MiB max sampled%n", heapMax / (1024 * 1024));
            System.out.printf(Locale.ROOT, "  refused            %d (not allowed %d, pool full %d); closed early %d; peer errors %d%s%n",
                    stats.refused(), stats.refusedNotAllowed(), stats.refusedPoolFull(), results.closedEarly.get(),
                    results.failed.get(), results.firstFailure == null ? "" : " (" + results.firstFailure + ")");
            if (real) {
                System.out.printf(Locale.ROOT, "  call records       store rows by outcome %s; %d lost; ACD events: %d offered, %d answered, %d requeued, %d abandoned; script errors %d%n",
                        storeDesk.callRows(), lost, storeDesk.acdEvents("CallOffered"), storeDesk.acdEvents("CallAnswered"),
                        storeDesk.acdEvents("CallRequeued"), storeDesk.acdEvents("CallAbandoned"), stats.scriptErrors());
            } else {
                System.out.printf(Locale.ROOT, "  call records       %d started, %d served, %d abandoned, %d lost; %d answered, %d ring-no-answer; script errors %d%n",
                        simDesk.recorded(), simDesk.outcomes("served"), simDesk.outcomes("abandoned"), lost,
                        simDesk.answered(), simDesk.requeued(), stats.scriptErrors());
            }
            if (results.unexpected.get() > 0) {
                System.out.println("  unexpected commands " + results.unexpected.get() + " e.g. " + results.firstUnexpected);
            }
        } finally {
            if (real) {
                realDesk.close();
                deleteTree(tmp);
            } else {
                backend.stop();
                desk.shutdown();
            }
        }
        System.exit(0);
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static Thread probesInBackground(int port, int probes, Duration d, LatencyRecorder rec) {
        Thread t = new Thread(() -> {
            try {
                runProbes(port, probes, d, rec);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "echo-probes");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** {@code probes} connections, each sending a line every 20 ms and timing the echo. */
    private static void runProbes(int port, int probes, Duration d, LatencyRecorder rec) throws Exception {
        List<Thread> threads = new ArrayList<>();
        long end = System.nanoTime() + d.toNanos();
        for (int i = 0; i < probes; i++) {
            Thread t = new Thread(() -> {
                try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                    s.setTcpNoDelay(true);
                    BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                    OutputStream out = s.getOutputStream();
                    byte[] line = "200 result=0 endpos=8000\n".getBytes(StandardCharsets.ISO_8859_1);
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        out.write(line);
                        out.flush();
                        in.readLine();
                        rec.record(System.nanoTime() - t0);
                        Thread.sleep(20);
                    }
                } catch (IOException | InterruptedException e) {
                    // probe ends
                }
            }, "echo-probe");
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static String text(String[] args, String name, String def) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return a.substring(name.length() + 1);
            }
        }
        return def;
    }

    private static void deleteTree(java.nio.file.Path dir) throws IOException {
        try (var files = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(p);
            }
        }
    }

    private static double arg(String[] args, String name, double def) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Double.parseDouble(a.substring(name.length() + 1));
            }
        }
        return def;
    }

    private static OperatorRepository noOperators() {
        return new OperatorRepository() {
            @Override
            public Optional<Operator> find(OperatorId id) {
                return Optional.empty();
            }

            @Override
            public List<Operator> all() {
                return List.of();
            }

            @Override
            public Optional<Operator> authenticate(String login, char[] password) {
                return Optional.empty();
            }
        };
    }
}
