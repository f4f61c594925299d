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
 * {@link #start} opens the FastAGI port and, when {@code asterisk.ami.enabled}, the AMI connection.
 */
public final class AsteriskBackend implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AsteriskBackend.class);

    private final AsteriskConfig config;
    private final OperatorRepository operators;
    private final Clock clock;
    private final AgiStats stats = new AgiStats();
    private final LiveCalls calls = new LiveCalls();
    private final AsteriskCallConnector connector;
    private GuardedAgiServer server;
    private AgiServerThread serverThread;
    private volatile AmiControl ami;
    private volatile dev.frontline.server.recording.CallRecorder recorder;

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
     * connection in the background (it keeps retrying while the PBX is unreachable).
     *
     * @param pbx receives phone registration, callback outcomes and talk time from AMI
     * @throws ConfigException naming {@code asterisk.port} when the address cannot be bound
     */
    public synchronized AsteriskBackend start(CallHandler handler, Acd acd, PbxEvents pbx) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        FlowScript script = new FlowScript(handler, acd, calls, config, stats, clock, this::amiConnected);
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
        if (config.ami().enabled()) {
            ami = new AmiControl(config, calls, acd, new OperatorPhones(operators, pbx), pbx, clock);
            ami.recorder(recorder);
            ami.start();
            connector.originator(ami);
            connector.cutter(ami);
        } else {
            connector.originator((attemptId, op, endpoint, number, cid) -> {
                log.error("callback {} for {}: asterisk.ami is disabled, cannot originate", attemptId, op);
                pbx.callbackFailed(attemptId, CallbackOutcome.FAILED, "asterisk.ami is disabled");
            });
        }
        return this;
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

    /** True while the AMI session is logged in. */
    public boolean amiConnected() {
        return ami != null && ami.connected();
    }

    /** Completed re-reads of the PBX's state after AMI logins (each one after the PBX could answer all of it). */
    public long amiStateReads() {
        return ami == null ? 0 : ami.stateReads();
    }

    /** Successful AMI logins so far. */
    public long amiLogins() {
        return ami == null ? 0 : ami.logins();
    }

    /**
     * Records the conversations {@code recording} asks for: the call's FastAGI script starts MixMonitor (option
     * {@code b}: only while bridged) before it dials the operator, and AMI's answer writes the row. Set before calls
     * arrive.
     */
    public synchronized void recorder(dev.frontline.server.recording.CallRecorder r) {
        this.recorder = r;
        calls.recorder(r);
        if (ami != null) {
            ami.recorder(r);
        }
    }

    AmiControl ami() {
        return ami;
    }

    /** Stops accepting channels and closes AMI; channels already in the script finish on their threads. */
    public synchronized void stop() {
        if (ami != null) {
            ami.close();
            ami = null;
        }
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
