package dev.frontline.core.acd;

import dev.frontline.core.call.CallConnector;
import dev.frontline.core.common.CallId;
import dev.frontline.core.common.OperatorId;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link CallConnector} that only records what it was asked to do (a test may add to a step). Thread-safe. */
public class RecordingConnector implements CallConnector {
    public record Connect(CallId callId, OperatorId operator, String endpoint) {}

    public record Originate(String attemptId, OperatorId operator, String endpoint, String number, String callerId) {}

    public final List<Connect> connects = new CopyOnWriteArrayList<>();
    public final List<Originate> originates = new CopyOnWriteArrayList<>();
    /** Consultation steps asked for, as {@code STEP call from>to}. */
    public final List<String> consults = new CopyOnWriteArrayList<>();
    /** Callback attempts withdrawn, as {@code attempt operator}. */
    public final List<String> cancels = new CopyOnWriteArrayList<>();

    @Override
    public void cancelCallback(String attemptId, OperatorId operator) {
        cancels.add(attemptId + " " + operator.value());
    }

    @Override
    public boolean canConsult(CallId callId) {
        return true;
    }

    @Override
    public void consult(CallId callId, OperatorId from, OperatorId to, String endpoint, ConsultStep step) {
        consults.add(step + " " + callId.value() + " " + from.value() + ">" + to.value());
    }

    @Override
    public void connect(CallId callId, OperatorId operator, String endpoint) {
        connects.add(new Connect(callId, operator, endpoint));
    }

    @Override
    public void originateCallback(String attemptId, OperatorId operator, String endpoint, String customerNumber,
                                  String callerId) {
        originates.add(new Originate(attemptId, operator, endpoint, customerNumber, callerId));
    }
}
