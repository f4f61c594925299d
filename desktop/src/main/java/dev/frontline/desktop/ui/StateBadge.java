package dev.frontline.desktop.ui;

import dev.frontline.core.acd.OperatorState;
import dev.frontline.desktop.i18n.I18n;
import javafx.scene.control.Label;

/** A coloured pill showing an operator state (css: state-ready, state-talking, ...). */
public final class StateBadge extends Label {
    private final I18n i18n;

    public StateBadge(I18n i18n) {
        this.i18n = i18n;
        getStyleClass().add("state-badge");
    }

    public void show(OperatorState s, String reason) {
        getStyleClass().removeIf(c -> c.startsWith("state-") && !c.equals("state-badge"));
        if (s == null) {
            setText("");
            return;
        }
        getStyleClass().add("state-" + s.name().toLowerCase().replace('_', '-'));
        String text = i18n.t("state." + s.name());
        // only a break's reason is the operator's; other states carry the ACD's (call ids)
        // the reason arrives as a code (lunch) and is worded here; an old free text shows as it is
        setText(s != OperatorState.BREAK || reason == null || reason.isBlank() ? text
                : text + " · " + i18n.label("break", reason));
        setMinWidth(USE_PREF_SIZE);
    }
}
