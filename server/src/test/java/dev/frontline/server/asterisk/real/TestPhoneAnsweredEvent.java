package dev.frontline.server.asterisk.real;

import org.asteriskjava.manager.event.UserEvent;

/** A user event of the test dialplan ({@link RealPbx}); public with setters for Asterisk-Java's reflection. */
public class TestPhoneAnsweredEvent extends UserEvent {
    private String phone;

    public TestPhoneAnsweredEvent(Object source) {
        super(source);
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }
}
