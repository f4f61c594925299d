package dev.frontline.core.acd;

import dev.frontline.core.common.CallbackId;
import dev.frontline.core.common.OperatorId;

import java.time.Instant;

/** A callback from acceptance to its end. Mutable, owned by {@link AcdState}. */
final class CallbackSlot {
    enum Stage { NOT_DUE, WAITING, OFFERED, TALKING, DONE, FAILED }

    final CallbackId id;
    final CallbackRequest request;
    Stage stage = Stage.NOT_DUE;
    Instant dueAt;
    /** Attempts that count (the customer was dialled). */
    int attempts;
    /** Offers made, for unique attempt ids. */
    int offers;
    Entry entry;
    String attemptId;
    OperatorId operator;
    Instant offeredAt;
    boolean breached;

    CallbackSlot(CallbackId id, CallbackRequest request, Instant dueAt) {
        this.id = id;
        this.request = request;
        this.dueAt = dueAt;
    }

    boolean pending() {
        return stage == Stage.NOT_DUE || stage == Stage.WAITING || stage == Stage.OFFERED;
    }
}
