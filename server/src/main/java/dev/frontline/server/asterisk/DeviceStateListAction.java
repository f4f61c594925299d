package dev.frontline.server.asterisk;

import org.asteriskjava.manager.action.AbstractManagerAction;

/**
 * AMI {@code DeviceStateList} (Asterisk 13+), which Asterisk-Java 3.42 lacks: Asterisk answers Success and sends one
 * DeviceStateChange event per device, then DeviceStateListComplete. Public for Asterisk-Java's reflection.
 */
public final class DeviceStateListAction extends AbstractManagerAction {
    private static final long serialVersionUID = 1L;

    @Override
    public String getAction() {
        return "DeviceStateList";
    }
}
