package dev.frontline.core.common;

/** How a supervisor joins an operator's call: hear both sides, also speak to the operator only, or speak to both. */
public enum SpyMode {
    LISTEN, WHISPER, BARGE
}
