package dev.frontline.server.asterisk.real;

import org.asteriskjava.manager.event.UserEvent;

/** A user event of the test dialplan ({@link RealPbx}); public with setters for Asterisk-Java's reflection. */
public class TestPhoneEvent extends UserEvent {
    private String phone;
    private String mode;
    private String caller;

    public TestPhoneEvent(Object source) {
        super(source);
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public String getMode() {
        return mode;
    }

    public void setMode(String mode) {
        this.mode = mode;
    }

    public String getCaller() {
        return caller;
    }

    public void setCaller(String caller) {
        this.caller = caller;
    }
}
