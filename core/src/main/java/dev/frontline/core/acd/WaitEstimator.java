package dev.frontline.core.acd;

import dev.frontline.core.common.CallId;
import dev.frontline.core.common.Intent;
import dev.frontline.core.common.Tier;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Wait estimates ({@link WaitModel}) and the published snapshot. The position counts every caller and due callback
 * of the same queue and tier ahead in service order; {@code N} is the operators staffed for it; handle time and
 * abandonment hazard come from the last few hundred calls of the queue. Reads the state; changes nothing but the
 * pruning of old statistics.
 */
final class WaitEstimator {
    private final AcdConfig config;
    private final AcdState state;

    WaitEstimator(AcdConfig config, AcdState state) {
        this.config = config;
        this.state = state;
    }

    Optional<QueueStatus> status(CallId callId, Instant now) {
        LiveCall lc = state.calls.get(callId);
        if (lc == null || lc.entry == null) {
            return Optional.empty();
        }
        state.stats.prune(now);
        List<Entry> group = state.waiting.group(lc.intent, lc.tier);
        int position = group.indexOf(lc.entry) + 1;
        return Optional.of(new QueueStatus(position, estimate(lc.intent, lc.tier, position, staffed(lc.intent, lc.tier))));
    }

    private Duration estimate(Intent intent, Tier tier, int position, int staffed) {
        double handle = state.stats.recentHandleSeconds(intent, tier, config.defaultHandleTime());
        double hazard = state.stats.recentAbandonHazard(intent, tier);
        return Duration.ofMillis(Math.round(1000 * WaitModel.expectedWaitSeconds(position, staffed, handle, hazard)));
    }

    private int staffed(Intent intent, Tier tier) {
        int n = 0;
        for (Agent a : state.agents.values()) {
            if (a.staffed() && a.phoneRegistered && a.intents().contains(intent) && a.tiers().contains(tier)) {
                n++;
            }
        }
        return n;
    }

    AcdSnapshot snapshot(Instant now) {
        state.stats.prune(now);
        Map<CallId, QueueStatus> waiting = new HashMap<>();
        List<QueueMetrics> queues = new ArrayList<>();
        Map<String, Integer> pendingCallbacks = new HashMap<>();
        int callbacksPending = 0;
        for (CallbackSlot s : state.callbacks.values()) {
            if (s.pending()) {
                callbacksPending++;
                pendingCallbacks.merge(s.request.intent() + "/" + s.request.tier(), 1, Integer::sum);
            }
        }
        for (Intent intent : Intent.values()) {
            for (Tier tier : Tier.values()) {
                int staffed = staffed(intent, tier);
                List<Entry> group = state.waiting.group(intent, tier);
                // a callback keeps its place in the group (positions and estimates count it) but is not on the line:
                // the queue's waiting, longest wait and on-line breach are of the callers on the line only
                int onLine = 0;
                Duration longest = Duration.ZERO;
                for (int i = 0; i < group.size(); i++) {
                    Entry e = group.get(i);
                    if (e.isCallback()) {
                        continue;
                    }
                    onLine++;
                    Duration w = Duration.between(e.arrivedAt(), now);
                    if (w.compareTo(longest) > 0) {
                        longest = w;
                    }
                    waiting.put(e.callId(), new QueueStatus(i + 1, estimate(intent, tier, i + 1, staffed)));
                }
                int ready = 0;
                for (Agent a : state.agents.values()) {
                    if (a.indexed && a.intents().contains(intent) && a.tiers().contains(tier)) {
                        ready++;
                    }
                }
                Duration newcomer = ready > 0 && group.isEmpty() ? Duration.ZERO
                        : estimate(intent, tier, group.size() + 1, staffed);
                queues.add(new QueueMetrics(intent, tier, Router.queueName(intent), onLine, longest, newcomer,
                        state.stats.serviceLevelPercent(intent, tier), config.onLineTarget(),
                        state.stats.averageSpeedOfAnswer(intent, tier),
                        state.stats.averageHandleTime(intent, tier, Duration.ZERO),
                        state.stats.abandonRatePercent(intent, tier),
                        pendingCallbacks.getOrDefault(intent + "/" + tier, 0), staffed, ready,
                        longest.compareTo(config.onLineTarget()) > 0));
            }
        }
        Map<OperatorState, Integer> byState = new EnumMap<>(OperatorState.class);
        for (OperatorState s : OperatorState.values()) {
            byState.put(s, 0);
        }
        List<OperatorView> operators = new ArrayList<>();
        for (Agent a : state.agents.values()) {
            byState.merge(a.state, 1, Integer::sum);
            operators.add(new OperatorView(a.id, a.profile == null ? a.id.value() : a.profile.name(), a.state,
                    a.reason, a.since, a.intents(), a.tiers(), a.languages(), a.phoneRegistered,
                    Optional.ofNullable(a.current)));
        }
        return new AcdSnapshot(now, queues, operators, byState, callbacksPending, waiting);
    }
}
