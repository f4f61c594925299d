package dev.frontline.desktop.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Small builders shared by the views, so they read as layout rather than boilerplate. */
public final class Ui {
    private Ui() {}

    public static Label label(String text, String... styles) {
        Label l = new Label(text);
        l.getStyleClass().addAll(styles);
        return l;
    }

    /** What an empty list or table says: muted, centred, wrapped onto more lines rather than cut off. */
    public static Label placeholder(String text) {
        Label l = label(text, atlantafx.base.theme.Styles.TEXT_MUTED);
        l.setWrapText(true);
        l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        l.setPadding(new javafx.geometry.Insets(8, 12, 8, 12));
        return l;
    }

    /** A wrapping text box of {@code rows} lines, two-way bound to {@code text} (a note, a resolution). */
    public static javafx.scene.control.TextArea textBox(String id, String prompt, int rows,
                                                        javafx.beans.property.StringProperty text) {
        javafx.scene.control.TextArea a = new javafx.scene.control.TextArea();
        a.setId(id);
        a.setPromptText(prompt);
        a.setWrapText(true);
        a.setPrefRowCount(rows);
        a.textProperty().bindBidirectional(text);
        return a;
    }

    public static Button button(String text, Runnable action, String... styles) {
        Button b = new Button(text);
        b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // a command keeps its whole name; text beside it gives way
        b.getStyleClass().addAll(styles);
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Tooltip naming the shortcut, e.g. "Ready (F2)". */
    public static void shortcut(javafx.scene.control.Control c, String what, KeyCombination keys) {
        c.setTooltip(new Tooltip(what + "  (" + keys.getDisplayText() + ")"));
    }

    public static HBox row(double gap, Node... nodes) {
        HBox h = new HBox(gap, nodes);
        h.setAlignment(Pos.CENTER_LEFT);
        return h;
    }

    public static VBox column(double gap, Node... nodes) {
        return new VBox(gap, nodes);
    }

    public static Region grow() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }

    public static <T extends Node> T hgrow(T node) {
        HBox.setHgrow(node, Priority.ALWAYS);
        return node;
    }

    public static <T extends Region> T padded(T node, double p) {
        node.setPadding(new Insets(p));
        return node;
    }

    /** A titled section: small caps heading over its body. */
    public static VBox section(String title, Node body) {
        Label h = label(title.toUpperCase(), "section-title");
        VBox v = new VBox(6, h, body);
        v.getStyleClass().add("section");
        return v;
    }
}
