package dev.frontline.server.asterisk;

import org.asteriskjava.manager.event.UserEvent;

/**
 * {@code UserEvent(FrontlineCallback,Attempt: <id>,Status: <DIALSTATUS>)} sent by the sample dialplan's callbacks
 * context when the customer leg of a callback answers or fails. Public with setters for Asterisk-Java's reflection.
 */
public final class FrontlineCallbackEvent extends UserEvent {
    private static final long serialVersionUID = 1L;
    private String attempt;
    private String status;

    public FrontlineCallbackEvent(Object source) {
        super(source);
    }

    public String getAttempt() {
        return attempt;
    }

    public void setAttempt(String attempt) {
        this.attempt = attempt;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }
}
