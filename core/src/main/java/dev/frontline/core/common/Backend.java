package dev.frontline.core.common;

/** Which telephony backend carries a call. */
public enum Backend { ASTERISK, TWILIO, SIM }
