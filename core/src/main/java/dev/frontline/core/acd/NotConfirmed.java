package dev.frontline.core.acd;

/**
 * The ACD could not confirm a caller's enqueue, callback or keep-place: its event is not in the store's log
 * (the store cannot write, the ACD refused the command, or it did not answer in time). Whoever asked must not tell
 * the caller "queued" or "callback confirmed"; it apologises and sends the caller to the fallback instead.
 */
public final class NotConfirmed extends RuntimeException {
    public NotConfirmed(String why) {
        super(why);
    }
}
