package dev.frontline.server.asterisk;

import org.asteriskjava.manager.event.UserEvent;

/**
 * {@code UserEvent(FrontlineCallback,Attempt: <id>,Status: <DIALSTATUS>)} sent by the sample dialplan's callbacks
 * context when the customer leg of a callback answers or fails. Public with setters for Asterisk-Java's reflection.
 * The answer names both legs ({@code CustomerLeg}, {@code OperatorLeg}): a hold moves the customer's leg.
 */
public final class FrontlineCallbackEvent extends UserEvent {
    private static final long serialVersionUID = 1L;
    private String attempt;
    private String status;
    private String customerLeg;
    private String operatorLeg;
    private String leg;

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

    public String getCustomerLeg() {
        return customerLeg;
    }

    public void setCustomerLeg(String customerLeg) {
        this.customerLeg = customerLeg;
    }

    public String getOperatorLeg() {
        return operatorLeg;
    }

    public void setOperatorLeg(String operatorLeg) {
        this.operatorLeg = operatorLeg;
    }

    /** Which leg's hang-up reported ENDED: operator, held (the customer on hold) or resumed. */
    public String getLeg() {
        return leg;
    }

    public void setLeg(String leg) {
        this.leg = leg;
    }
}
