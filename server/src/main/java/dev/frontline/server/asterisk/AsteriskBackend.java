package dev.frontline.server.asterisk;

import dev.frontline.core.acd.CallbackOutcome;
import dev.frontline.core.acd.Acd;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.config.ConfigException;
import dev.frontline.core.operator.OperatorRepository;
import org.asteriskjava.fastagi.AgiServerThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Asterisk backend as the composition root sees it. The ACD needs the backend's {@link CallConnector} and the
 * backend needs the ACD, so it is built in two steps:
 * <pre>
 * AsteriskBackend asterisk = AsteriskBackend.create(config, operators, clock);
 * AcdService acd = new AcdService(..., asterisk.connector(), ...);
 * asterisk.start(ivr, acd, PbxEvents.toAcd(acd));
 * </pre>
 * {@link #start} opens the FastAGI port and, when {@code asterisk.ami.enabled}, the AMI connection. The server opens
 * them in two steps instead, {@link #prepare} before its ACD starts and {@link #open} after (issue 23): a FastAGI
 * caller that arrives before the ACD can queue it is refused at connect (the dialplan then tries
 * {@code FRONTLINE_HOST2}), never accepted and dropped.
 */
public final class AsteriskBackend implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AsteriskBackend.class);

    private final AsteriskConfig config;
    private final OperatorRepository operators;
    private final Clock clock;
    private final AgiStats stats = new AgiStats();
    private final LiveCalls calls = new LiveCalls();
    private final AsteriskCallConnector connector;
    private FlowScript script;
    private GuardedAgiServer server;
    private AgiServerThread serverThread;
    /** Each PBX's own AMI connection, by PBX name in configuration order (ADR 0141); empty until started. */
    private volatile Map<String, AmiControl> amis = Map.of();
    private volatile dev.frontline.server.recording.CallRecorder recorder;
    /** Where "PBX x: AMI down / back" goes (supervisors); null until set, the alerts meanwhile kept in {@link #early}. */
    private java.util.function.Consumer<String> alerts;
    private final java.util.List<String> early = new java.util.ArrayList<>();

    private AsteriskBackend(AsteriskConfig config, OperatorRepository operators, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.operators = Objects.requireNonNull(operators, "operators");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.connector = new AsteriskCallConnector(calls, (attemptId, op, endpoint, number, cid) ->
                log.error("callback {} for {}: the Asterisk backend is not started", attemptId, op));
    }

    /**
     * A backend not yet listening; its {@link #connector()} can be handed to the ACD now.
     *
     * @param operators whose endpoints map PBX devices to operators (phone registration)
     */
    public static AsteriskBackend create(AsteriskConfig config, OperatorRepository operators, Clock clock) {
        return new AsteriskBackend(config, operators, clock);
    }

    /** {@link #create} and {@link #start} in one, for an {@code acd} built without this backend's connector. */
    public static AsteriskBackend start(AsteriskConfig config, CallHandler handler, Acd acd,
                                        OperatorRepository operators, PbxEvents pbx, Clock clock) {
        return create(config, operators, clock).start(handler, acd, pbx);
    }

    /**
     * Starts listening for FastAGI (returns once the port is bound) and, when {@code asterisk.ami.enabled}, the AMI
     * connection in the background (it keeps retrying while the PBX is unreachable): {@link #prepare} then
     * {@link #open}, for an ACD that is already started.
     *
     * @param pbx receives phone registration, callback outcomes and talk time from AMI
     * @throws ConfigException naming {@code asterisk.port} when the address cannot be bound
     */
    public synchronized AsteriskBackend start(CallHandler handler, Acd acd, PbxEvents pbx) {
        return prepare(handler, acd, pbx).open();
    }

    /**
     * Wires the backend to {@code acd} and builds each PBX's AMI connection, opening nothing: no port is bound and
     * no AMI session starts, so nothing reaches an ACD that is not started yet. Until {@link #open} a callback the
     * ACD places fails at once as "AMI not connected" (its attempt is logged and retried as usual).
     */
    public synchronized AsteriskBackend prepare(CallHandler handler, Acd acd, PbxEvents pbx) {
        if (script != null) {
            throw new IllegalStateException("already prepared");
        }
        script = new FlowScript(handler, acd, calls, config, stats, clock, this::amiConnected);
        Map<String, AmiControl> started = new LinkedHashMap<>();
        for (AsteriskConfig.Pbx p : config.pbxs()) {
            if (!p.ami().enabled()) {
                continue;
            }
            AmiControl a = new AmiControl(p.name(), config.withAmi(p.ami()), calls, acd,
                    new OperatorPhones(operators, pbx, endpoint -> config.phoneOwner(endpoint).name().equals(p.name())),
                    pbx, clock);
            a.recorder(recorder);
            a.alerts(this::alert);
            started.put(p.name(), a);
        }
        amis = Map.copyOf(started);
        AsteriskCallConnector.Originator noAmi = (attemptId, op, endpoint, number, cid) -> {
            log.error("callback {} for {}: AMI of {}'s PBX is disabled, cannot originate", attemptId, op, endpoint);
            pbx.callbackFailed(attemptId, CallbackOutcome.FAILED, "asterisk.ami is disabled");
        };
        AsteriskCallConnector.PromptCutter noCut = channel -> { };
        connector.pbxs(config, name -> started.containsKey(name) ? started.get(name) : noAmi,
                name -> started.containsKey(name) ? started.get(name) : noCut, acd::connectFailed, this::alert);
        return this;
    }

    /**
     * Opens the FastAGI port (returns once it is bound) and starts each PBX's AMI session in the background (each
     * connects and reconnects on its own thread). Call once the ACD given to {@link #prepare} is started and has
     * been told which lines were lost.
     *
     * @throws ConfigException naming {@code asterisk.port} when the address cannot be bound
     */
    public synchronized AsteriskBackend open() {
        if (script == null) {
            throw new IllegalStateException("prepare comes before open");
        }
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        GuardedAgiServer agi = new GuardedAgiServer(config, script.mapping(), stats);
        AgiServerThread thread = new AgiServerThread(agi);
        thread.setDaemon(true);
        thread.startup();
        try {
            agi.listening().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            agi.shutdown();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ConfigException("asterisk.port", "cannot listen on " + config.bind().getHostAddress() + ":"
                    + config.port() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            agi.shutdown();
            throw new IllegalStateException("interrupted while starting FastAGI", e);
        }
        server = agi;
        serverThread = thread;
        amis.values().forEach(AmiControl::start); // each connects and reconnects on its own thread
        return this;
    }

    /**
     * Where each PBX's "AMI down / connected again" goes (supervisors' alerts, naming the PBX). Set before
     * {@link #start}, or any time: later alerts go to the new target.
     */
    public synchronized void alertSupervisors(java.util.function.Consumer<String> to) {
        this.alerts = Objects.requireNonNull(to, "to");
        early.forEach(to); // e.g. a PBX unreachable at start, before the desk API was up
        early.clear();
    }

    private synchronized void alert(String text) {
        log.warn("{}", text);
        if (alerts == null) {
            early.add(text);
        } else {
            alerts.accept(text);
        }
    }

    /**
     * Where "a supervisor's phone hung up its listening-in" goes: the call and the supervisor's endpoint (the desk
     * ends the listening-in it shows). Called on an AMI thread; must not block.
     */
    public void onSupervisorLeft(java.util.function.BiConsumer<dev.frontline.core.common.CallId, String> to) {
        calls.spies().onLeft(Objects.requireNonNull(to, "to"));
    }

    /** Rings operators for waiting callers and places callbacks; usable from {@link #create} on. */
    public CallConnector connector() {
        return connector;
    }

    public AgiStats stats() {
        return stats;
    }

    public AsteriskConfig config() {
        return config;
    }

    /** Channels currently in our script. */
    public int liveChannels() {
        return calls.size();
    }

    /** True while every PBX's AMI session is logged in (and at least one AMI is enabled). */
    public boolean amiConnected() {
        Map<String, AmiControl> m = amis;
        return !m.isEmpty() && m.values().stream().allMatch(AmiControl::connected);
    }

    /** True while PBX {@code pbx}'s AMI session is logged in. */
    public boolean amiConnected(String pbx) {
        AmiControl a = amis.get(pbx);
        return a != null && a.connected();
    }

    /** Completed re-reads of the PBXs' state after AMI logins (each one after the PBX could answer all of it). */
    public long amiStateReads() {
        return amis.values().stream().mapToLong(AmiControl::stateReads).sum();
    }

    /** Successful AMI logins so far, all PBXs. */
    public long amiLogins() {
        return amis.values().stream().mapToLong(AmiControl::logins).sum();
    }

    /**
     * Records the conversations {@code recording} asks for: the call's FastAGI script starts MixMonitor (option
     * {@code b}: only while bridged) before it dials the operator, and AMI's answer writes the row. Set before calls
     * arrive.
     */
    public synchronized void recorder(dev.frontline.server.recording.CallRecorder r) {
        this.recorder = r;
        calls.recorder(r);
        amis.values().forEach(a -> a.recorder(r));
    }

    /** The first PBX's AMI connection (the only one's of a single-PBX configuration), or null. */
    AmiControl ami() {
        return amis.isEmpty() ? null : ami(config.pbxs().get(0).name());
    }

    /** PBX {@code pbx}'s AMI connection, or null. */
    AmiControl ami(String pbx) {
        return amis.get(pbx);
    }

    /** Stops accepting channels and closes AMI; channels already in the script finish on their threads. */
    public synchronized void stop() {
        amis.values().forEach(AmiControl::close);
        amis = Map.of();
        if (serverThread != null) {
            try {
                serverThread.shutdown();
            } catch (IllegalStateException e) {
                log.debug("FastAGI server already stopped", e);
            }
            serverThread = null;
            log.info("FastAGI stopped: {}", stats);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
