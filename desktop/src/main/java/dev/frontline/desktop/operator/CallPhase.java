package dev.frontline.desktop.operator;

/** Where the operator's current call is: none, offered (ringing), talking, or in wrap-up. */
public enum CallPhase { NONE, RINGING, TALKING, WRAP_UP }
