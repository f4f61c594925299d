package dev.frontline.server.asterisk.real;

import org.asteriskjava.manager.event.UserEvent;

/** A user event of the test dialplan ({@link RealPbx}); public with setters for Asterisk-Java's reflection. */
public class TestCustomerEvent extends UserEvent {
    private String number;
    private String caller;
    private String name;

    public TestCustomerEvent(Object source) {
        super(source);
    }

    public String getNumber() {
        return number;
    }

    public void setNumber(String number) {
        this.number = number;
    }

    public String getCaller() {
        return caller;
    }

    public void setCaller(String caller) {
        this.caller = caller;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
