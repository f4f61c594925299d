package dev.frontline.core.acd;

import dev.frontline.core.common.Intent;
import dev.frontline.core.common.OperatorId;
import dev.frontline.core.common.Tier;

import java.time.Instant;

/** A caller on the line, from queueing until the conversation ends. Mutable, owned by {@link AcdState}. */
final class LiveCall {
    enum Stage { WAITING, RINGING, TALKING }

    final QueuedCall call;
    Intent intent;
    Tier tier;
    int priority;
    /** Its place in line: the original arrival, or the moment of a transfer. */
    Instant rankFrom;
    Stage stage = Stage.WAITING;
    Entry entry;
    OperatorId operator;
    boolean breached;
    /** Sticky routing: the operator this customer talked to recently, offered first until {@link #stickyUntil}. */
    OperatorId preferred;
    Instant stickyUntil;
    /** Since when the talking operator holds the caller; null when not on hold. */
    Instant heldSince;
    /** The colleague being consulted about this call (warm transfer), or null. */
    OperatorId consultTo;
    /** The consulted colleague answered. */
    boolean consultAnswered;
    /**
     * The callback this conversation came from (ADR 0147), or null for a caller who came through the queue. Its call
     * id is the answered attempt's id; its place and priority are the callback request's.
     */
    dev.frontline.core.common.CallbackId callback;

    LiveCall(QueuedCall call) {
        this.call = call;
        this.intent = call.intent();
        this.tier = call.tier();
        this.priority = call.priority();
        this.rankFrom = call.arrivedAt();
    }
}
