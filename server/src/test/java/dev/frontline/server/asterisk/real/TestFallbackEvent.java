package dev.frontline.server.asterisk.real;

import org.asteriskjava.manager.event.UserEvent;

/** A user event of the test dialplan ({@link RealPbx}); public with setters for Asterisk-Java's reflection. */
public class TestFallbackEvent extends UserEvent {
    private String caller;

    public TestFallbackEvent(Object source) {
        super(source);
    }

    public String getCaller() {
        return caller;
    }

    public void setCaller(String caller) {
        this.caller = caller;
    }
}
