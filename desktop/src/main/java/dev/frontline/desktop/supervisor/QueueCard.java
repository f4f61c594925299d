package dev.frontline.desktop.supervisor;

import atlantafx.base.controls.RingProgressIndicator;
import atlantafx.base.theme.Styles;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** One queue and tier: the service-level gauge against its target and the numbers that explain it. */
final class QueueCard extends VBox {
    private static final PseudoClass BREACHED = PseudoClass.getPseudoClass("breached");
    private final I18n i18n;
    private final Label title = Ui.label("", Styles.TITLE_4);
    private final Label target = Ui.label("", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    private final RingProgressIndicator gauge = new RingProgressIndicator(0, false);
    private final Label waiting = value();
    private final Label longest = value();
    private final Label estimated = value();
    private final Label abandon = value();
    private final Label callbacks = value();
    private final Label asa = value();

    QueueCard(I18n i18n) {
        super(8);
        this.i18n = i18n;
        getStyleClass().add("queue-card");
        gauge.setPrefSize(86, 86);
        gauge.setMinSize(86, 86);
        gauge.setStringConverter(new StringConverter<>() {
            @Override public String toString(Double d) { return d == null ? "" : Math.round(d * 100) + "%"; }
            @Override public Double fromString(String s) { return 0.0; }
        });
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(3);
        g.addRow(0, Ui.label(i18n.t("sup.waiting"), Styles.TEXT_MUTED), waiting);
        g.addRow(1, Ui.label(i18n.t("sup.longest"), Styles.TEXT_MUTED), longest);
        g.addRow(2, Ui.label(i18n.t("sup.estimated"), Styles.TEXT_MUTED), estimated);
        g.addRow(3, Ui.label(i18n.t("sup.asa"), Styles.TEXT_MUTED), asa);
        g.addRow(4, Ui.label(i18n.t("sup.abandon"), Styles.TEXT_MUTED), abandon);
        g.addRow(5, Ui.label(i18n.t("sup.callbacks"), Styles.TEXT_MUTED), callbacks);
        VBox gaugeBox = new VBox(4, gauge, Ui.label(i18n.t("sup.sl"), Styles.TEXT_SMALL, Styles.TEXT_MUTED));
        gaugeBox.setAlignment(Pos.CENTER);
        getChildren().addAll(new VBox(0, title, target), Ui.row(16, gaugeBox, g));
    }

    private static Label value() {
        return Ui.label("", Styles.TEXT_BOLD, "mono");
    }

    void show(Views.QueueStats q) {
        title.setText(i18n.t("queue." + q.queue()) + " · " + i18n.t("tier." + q.tier()));
        target.setText(i18n.t("sup.target", q.targetSeconds()));
        gauge.setProgress(Math.max(0, Math.min(1, q.serviceLevelPercent() / 100.0)));
        waiting.setText(Integer.toString(q.waiting()));
        longest.setText(I18n.clock(q.longestWaitSeconds()));
        estimated.setText(I18n.clock(q.estimatedWaitSeconds()));
        asa.setText(I18n.clock(q.averageSpeedOfAnswerSeconds()));
        abandon.setText(String.format("%.1f%%", q.abandonRatePercent()));
        callbacks.setText(Integer.toString(q.callbacksPending()));
        pseudoClassStateChanged(BREACHED, q.breached());
        gauge.getStyleClass().removeAll("gauge-ok", "gauge-bad");
        gauge.getStyleClass().add(q.breached() ? "gauge-bad" : "gauge-ok");
    }
}
