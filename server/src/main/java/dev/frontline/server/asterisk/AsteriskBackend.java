package dev.frontline.server.asterisk;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.config.ConfigException;
import dev.frontline.core.operator.OperatorRepository;
import org.asteriskjava.fastagi.AgiServerThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Asterisk backend as the composition root sees it: {@link #start} opens the FastAGI port (and, when configured,
 * the AMI connection); {@link #connector()} is what the ACD uses to ring operators and place callbacks.
 */
public final class AsteriskBackend implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AsteriskBackend.class);

    private final AsteriskConfig config;
    private final AgiStats stats;
    private final LiveCalls calls;
    private final GuardedAgiServer server;
    private final AgiServerThread serverThread;
    private final AsteriskCallConnector connector;
    private final AmiControl ami;

    private AsteriskBackend(AsteriskConfig config, AgiStats stats, LiveCalls calls, GuardedAgiServer server,
                            AgiServerThread serverThread, AsteriskCallConnector connector, AmiControl ami) {
        this.config = config;
        this.stats = stats;
        this.calls = calls;
        this.server = server;
        this.serverThread = serverThread;
        this.connector = connector;
        this.ami = ami;
    }

    /**
     * Starts listening for FastAGI (returns once the port is bound) and, when {@code asterisk.ami.enabled}, starts
     * the AMI connection in the background (it keeps retrying while the PBX is unreachable).
     *
     * @param operators whose endpoints map PBX devices to operators (phone registration)
     * @param pbx       receives phone registration, callback outcomes and talk time from AMI
     * @throws ConfigException naming {@code asterisk.port} when the address cannot be bound
     */
    public static AsteriskBackend start(AsteriskConfig config, CallHandler handler, Acd acd,
                                        OperatorRepository operators, PbxEvents pbx, Clock clock) {
        AgiStats stats = new AgiStats();
        LiveCalls calls = new LiveCalls();
        FlowScript script = new FlowScript(handler, acd, calls, config, stats, clock);
        GuardedAgiServer server = new GuardedAgiServer(config, script.mapping(), stats);
        AgiServerThread thread = new AgiServerThread(server);
        thread.setDaemon(true);
        thread.startup();
        try {
            server.listening().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            server.shutdown();
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new ConfigException("asterisk.port", "cannot listen on " + config.bind().getHostAddress() + ":"
                    + config.port() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdown();
            throw new IllegalStateException("interrupted while starting FastAGI", e);
        }
        AmiControl ami = null;
        AsteriskCallConnector.Originator originator = (attemptId, op, endpoint, number, cid) -> {
            log.error("callback {} for {}: asterisk.ami is disabled, cannot originate", attemptId, op);
            pbx.callbackFailed(attemptId, PbxEvents.CallbackFailure.FAILED, "asterisk.ami is disabled");
        };
        if (config.ami().enabled()) {
            ami = new AmiControl(config, calls, acd, new OperatorPhones(operators, pbx), pbx, clock);
            ami.start();
            originator = ami;
        }
        AsteriskCallConnector connector = new AsteriskCallConnector(calls, originator);
        return new AsteriskBackend(config, stats, calls, server, thread, connector, ami);
    }

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

    AmiControl ami() {
        return ami;
    }

    /** Stops accepting channels and closes AMI; channels already in the script finish on their threads. */
    public void stop() {
        if (ami != null) {
            ami.close();
        }
        try {
            serverThread.shutdown();
        } catch (IllegalStateException e) {
            log.debug("FastAGI server already stopped", e);
        }
        log.info("FastAGI stopped: {}", stats);
    }

    @Override
    public void close() {
        stop();
    }
}
