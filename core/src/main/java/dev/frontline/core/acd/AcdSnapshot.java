package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable picture of the ACD, published after every batch of commands; safe to read from any thread.
 *
 * @param queues           one row per (intent, tier), in intent then tier order
 * @param operatorsByState how many operators are in each state (every state present, zero included)
 * @param waiting          every waiting caller's position and estimated wait
 */
public record AcdSnapshot(Instant at, List<QueueMetrics> queues, List<OperatorView> operators,
                          Map<OperatorState, Integer> operatorsByState, int callbacksPending,
                          Map<CallId, QueueStatus> waiting) {
    public AcdSnapshot {
        queues = List.copyOf(queues);
        operators = List.copyOf(operators);
        operatorsByState = Map.copyOf(operatorsByState);
        waiting = Map.copyOf(waiting);
    }

    public Optional<QueueStatus> status(CallId callId) {
        return Optional.ofNullable(waiting.get(callId));
    }
}
