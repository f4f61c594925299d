package dev.frontline.core.cluster;

import dev.frontline.core.store.StoreException;

/** An append refused because this server is not (or no longer) the ACD leader: nothing was written. */
public final class FencedOutException extends StoreException {
    public FencedOutException(long mine, long current) {
        super(mine == EpochFence.NONE
                ? "this server is not the ACD leader (the leader's epoch is " + current + "): its ACD events are refused"
                : "this server is no longer the ACD leader (elected at epoch " + mine + ", the store is at epoch "
                + current + "): its ACD events are refused", null);
    }
}
