package dev.frontline.server.asterisk;

import dev.frontline.core.acd.Acd;
import dev.frontline.core.call.CallHandler;
import dev.frontline.core.call.CallStart;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.MappingStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.regex.Pattern;

/**
 * The one FastAGI script: {@code agi://host:4573/support} runs flow {@code support}. Each channel becomes a
 * {@link CallStart} with the Asterisk uniqueid as call id, and an {@link AgiCallLoop} plays the handler's turns.
 */
final class FlowScript implements AgiScript {
    private static final Logger log = LoggerFactory.getLogger(FlowScript.class);
    private static final Pattern FLOW_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final CallHandler handler;
    private final Acd acd;
    private final LiveCalls calls;
    private final AsteriskConfig config;
    private final AgiStats stats;
    private final Clock clock;
    /** By PBX name: true while that PBX's AMI follows it. */
    private final java.util.function.Predicate<String> pbxWatched;

    FlowScript(CallHandler handler, Acd acd, LiveCalls calls, AsteriskConfig config, AgiStats stats, Clock clock,
               java.util.function.Predicate<String> pbxWatched) {
        this.pbxWatched = pbxWatched;
        this.handler = handler;
        this.acd = acd;
        this.calls = calls;
        this.config = config;
        this.stats = stats;
        this.clock = clock;
    }

    /** Maps every well-formed script name to this script (the name selects the flow); others are NOT_FOUND. */
    MappingStrategy mapping() {
        return (request, channel) -> {
            String name = request.getScript();
            if (name != null && FLOW_NAME.matcher(name).matches()) {
                return this;
            }
            log.warn("FastAGI request {} from {} names no valid flow; answered NOT_FOUND", request.getRequestURL(),
                    request.getRemoteAddress());
            return null;
        };
    }

    /**
     * The PBX the call comes from (ADR 0141): the one the dialplan names ({@code agi://host:port/flow?pbx=NAME}) if
     * it lists the peer's address in {@code agi-hosts}, else the only PBX listing that address. A call no PBX can be
     * named for is not served: the connection closes and the PBX's dialplan rings its fallback phones.
     */
    @Override
    public void service(AgiRequest request, AgiChannel channel) throws AgiException {
        String named = request.getParameter("pbx");
        AsteriskConfig.Pbx pbx = config.pbxOf(request.getRemoteAddress(), named).orElse(null);
        if (pbx == null) {
            stats.notAllowedInc();
            log.warn("FastAGI call {} from {} not served: {}; its dialplan's fallback takes it", request.getUniqueId(),
                    request.getRemoteAddress().getHostAddress(), named == null || named.isBlank()
                            ? "several PBXs call from that address and the AGI URL names none (?pbx=NAME)"
                            : "no PBX named '" + named + "' calls from that address (asterisk.pbxs: agi-hosts)");
            return;
        }
        if (CALLBACK_SCRIPT.equals(request.getScript())) {
            serveCallback(request, channel, pbx);
            return;
        }
        CallId callId = new CallId(request.getUniqueId());
        CallStart start = new CallStart(callId, known(request.getCallerIdNumber()), calledNumber(request),
                Backend.ASTERISK, request.getScript());
        CallLine line = calls.open(callId, request.getChannel(), pbx.name());
        stats.callStarted();
        try {
            new AgiCallLoop(handler, acd, channel, line, config, clock, () -> pbxWatched.test(pbx.name()), stats::turn)
                    .run(start);
        } catch (AgiException | RuntimeException e) {
            stats.scriptError();
            log.error("call {} on {} failed", callId, request.getChannel(), e);
            throw e;
        } finally {
            calls.close(line);
            stats.callFinished();
        }
    }

    /** The script the dialplan runs on an answered callback's customer leg ({@code frontline-callback-talk}). */
    static final String CALLBACK_SCRIPT = "callback";

    /**
     * An answered callback's customer leg (ADR 0152): it inherited {@code FRONTLINE_ATTEMPT} (the ACD's call id),
     * {@code FRONTLINE_OPERATOR} and {@code FRONTLINE_PEER} (the operator's waiting leg) from the callback's Dial. The
     * line is the attempt's; AMI events name the channel's uniqueid, which finds it too.
     */
    private void serveCallback(AgiRequest request, AgiChannel channel, AsteriskConfig.Pbx pbx) throws AgiException {
        String attempt = known(channel.getVariable("FRONTLINE_ATTEMPT"));
        String operator = known(channel.getVariable("FRONTLINE_OPERATOR"));
        String peer = known(channel.getVariable("FRONTLINE_PEER"));
        if (!attempt.startsWith("cb-") || operator.isEmpty() || peer.isEmpty()) {
            log.warn("FastAGI callback on {} names no attempt, operator or operator leg ({}, {}, {}): not served",
                    request.getChannel(), attempt, operator, peer);
            return;
        }
        CallLine line = calls.open(new CallId(attempt), request.getChannel(), pbx.name());
        calls.alias(new CallId(request.getUniqueId()), line);
        calls.legDialled(peer, line);
        stats.callStarted();
        try {
            new AgiCallLoop(handler, acd, channel, line, config, clock, () -> pbxWatched.test(pbx.name()), stats::turn)
                    .runCallback(new OperatorId(operator), peer);
        } catch (AgiException | RuntimeException e) {
            stats.scriptError();
            log.error("callback {} on {} failed", attempt, request.getChannel(), e);
            throw e;
        } finally {
            calls.close(line);
            calls.callbackGone(attempt); // (the legs the ANSWER event named: the script's end is the callback's)
            stats.callFinished();
        }
    }

    private static String calledNumber(AgiRequest request) {
        String dnid = known(request.getDnid());
        return dnid.isEmpty() ? known(request.getExtension()) : dnid;
    }

    /** Asterisk writes "unknown" for a missing value. */
    private static String known(String value) {
        return value == null || value.equalsIgnoreCase("unknown") ? "" : value;
    }
}
