package dev.frontline.server;

import dev.frontline.core.acd.AcdEvent;
import dev.frontline.core.call.CallConnector;
import dev.frontline.core.common.Backend;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The ACD's one {@link CallConnector}, handing each ring to the backend that carries the call (learnt from
 * {@code CallQueued}), and each callback to the backend of the operator's endpoint ({@code sim:}, {@code PJSIP/},
 * {@code client:} ...). Falls back to the first enabled backend.
 */
final class BackendRouter implements CallConnector, Consumer<AcdEvent> {
    private static final Logger log = LoggerFactory.getLogger(BackendRouter.class);

    private final Map<Backend, CallConnector> backends = new EnumMap<>(Backend.class);
    private final ConcurrentHashMap<CallId, Backend> carriedBy = new ConcurrentHashMap<>();
    private final Backend fallback;

    BackendRouter(Map<Backend, CallConnector> enabled, Backend fallback) {
        if (enabled.isEmpty()) {
            throw new IllegalArgumentException("no telephony backend enabled (asterisk, twilio or sim)");
        }
        this.backends.putAll(enabled);
        this.fallback = enabled.containsKey(fallback) ? fallback : enabled.keySet().iterator().next();
    }

    @Override
    public void accept(AcdEvent event) {
        if (event instanceof AcdEvent.CallQueued q) {
            carriedBy.put(q.callId(), q.call().backend());
        } else if (event instanceof AcdEvent.CallbackOffered o) {
            // a callback call's id is its attempt id; it runs on the backend of the operator's phone (mute, supervise)
            carriedBy.put(new CallId(o.attemptId()), backendOfEndpoint(o.endpoint()));
        } else if (event instanceof AcdEvent.CallbackAttemptFailed f) {
            carriedBy.remove(new CallId(f.attemptId()));
        } else if (event instanceof AcdEvent.CallEnded e) {
            carriedBy.remove(e.callId());
        } else if (event instanceof AcdEvent.CallAbandoned a) {
            carriedBy.remove(a.callId());
        } else if (event instanceof AcdEvent.CallLost l) {
            carriedBy.remove(l.callId());
        }
    }

    @Override
    public void spy(CallId callId, OperatorId operator, String supervisorEndpoint,
                    dev.frontline.core.common.SpyMode mode) {
        Backend b = backendOf(callId);
        if (b == null) {
            throw new IllegalStateException("call " + callId + " is not connected on any line");
        }
        target(b).spy(callId, operator, supervisorEndpoint, mode);
    }

    @Override
    public void stopSpy(CallId callId, OperatorId operator, String supervisorEndpoint) {
        Backend b = backendOf(callId);
        if (b != null) {
            target(b).stopSpy(callId, operator, supervisorEndpoint);
        }
    }

    @Override
    public boolean canTransfer(CallId callId) {
        Backend b = backendOf(callId);
        return b == null || target(b).canTransfer(callId);
    }

    @Override
    public boolean canHold(CallId callId) {
        Backend b = backendOf(callId);
        return b != null && target(b).canHold(callId);
    }

    @Override
    public void hold(CallId callId, OperatorId operator, boolean on) {
        Backend b = backendOf(callId);
        if (b != null) {
            target(b).hold(callId, operator, on);
        }
    }

    @Override
    public boolean canConsult(CallId callId) {
        Backend b = backendOf(callId);
        return b != null && target(b).canConsult(callId);
    }

    @Override
    public void consult(CallId callId, OperatorId from, OperatorId to, String endpoint, ConsultStep step) {
        Backend b = backendOf(callId);
        if (b != null) {
            target(b).consult(callId, from, to, endpoint, step);
        }
    }

    @Override
    public void mute(CallId callId, OperatorId operator, boolean on) {
        Backend b = backendOf(callId);
        if (b == null) {
            throw new IllegalStateException("call " + callId + " is not connected on any line");
        }
        target(b).mute(callId, operator, on);
    }

    @Override
    public void release(CallId callId, OperatorId operator) {
        Backend b = orFallback(callId);
        target(b).release(callId, operator);
    }

    @Override
    public void withdraw(CallId callId, OperatorId operator) {
        Backend b = orFallback(callId);
        target(b).withdraw(callId, operator);
    }

    @Override
    public void connect(CallId callId, OperatorId operator, String endpoint) {
        Backend b = orFallback(callId);
        target(b).connect(callId, operator, endpoint);
    }

    @Override
    public void originateCallback(String attemptId, OperatorId operator, String endpoint, String customerNumber,
                                  String callerId) {
        target(backendOfEndpoint(endpoint)).originateCallback(attemptId, operator, endpoint, customerNumber, callerId);
    }

    /** Every backend is told: only the one placing the attempt has its legs (the others do nothing). */
    @Override
    public void cancelCallback(String attemptId, OperatorId operator) {
        backends.values().forEach(c -> c.cancelCallback(attemptId, operator));
    }

    /**
     * The backend carrying {@code callId}: learnt from the ACD's events, else (e.g. after a restart: the ACD's replay
     * is not published) the enabled backend that says it {@link CallConnector#carries carries} it, remembered; null
     * when none does.
     */
    private Backend backendOf(CallId callId) {
        Backend b = carriedBy.get(callId);
        if (b != null) {
            return b;
        }
        for (Map.Entry<Backend, CallConnector> e : backends.entrySet()) {
            if (e.getValue().carries(callId)) {
                carriedBy.putIfAbsent(callId, e.getKey());
                log.info("call {} is carried by {} (not seen queued here: a restart)", callId, e.getKey());
                return e.getKey();
            }
        }
        return null;
    }

    private Backend orFallback(CallId callId) {
        Backend b = carriedBy.get(callId);
        if (b != null) {
            return b;
        }
        if (callId.value().startsWith("sim-")) {
            return Backend.SIM;
        }
        b = backendOf(callId);
        return b != null ? b : fallback;
    }

    Backend backendOfEndpoint(String endpoint) {
        Backend b = Backend.ofEndpoint(endpoint).orElse(fallback);
        return backends.containsKey(b) ? b : fallback;
    }

    private CallConnector target(Backend b) {
        CallConnector c = backends.get(b);
        if (c == null) {
            log.warn("backend {} is not enabled; using {}", b, fallback);
            return backends.get(fallback);
        }
        return c;
    }
}
