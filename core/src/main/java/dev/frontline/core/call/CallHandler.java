package dev.frontline.core.call;

import dev.frontline.core.common.CallId;

/**
 * Runs the voice menu for calls. Implementations are thread-safe; a backend must not call it concurrently for the
 * same call. Every method returns quickly (no waiting on the caller): waiting is the backend's job.
 */
public interface CallHandler {

    /** A new call arrived. The returned turn says what to play and what to wait for. */
    Turn start(CallStart start);

    /**
     * What the caller did in answer to the previous turn. For a call unknown to the handler (for example a
     * webhook for a call that already ended) the turn is a plain hang-up.
     */
    Turn resume(CallId callId, CallerInput input);
}
