package dev.frontline.server.api;

import dev.frontline.core.api.Views;

import java.util.List;

/** The per-queue numbers of the supervisors' snapshot (waiting, longest wait, SLA ...), from the ACD's metrics. */
@FunctionalInterface
public interface QueueStatsSource {
    List<Views.QueueStats> queues();
}
