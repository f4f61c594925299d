package dev.frontline.desktop.supervisor;

import atlantafx.base.controls.RingProgressIndicator;
import atlantafx.base.theme.Styles;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * One queue and tier: the service-level gauge against its target and the numbers that explain it. Red ({@link #red})
 * when a caller waits past the target now or the service level is below {@link #RED_BELOW} percent: the wallboard's
 * "targets breached" tile counts the same cards.
 */
final class QueueCard extends VBox {
    /** Service level (percent) under which a card is red. */
    static final double RED_BELOW = 60;
    /** Service level (percent) under which a card is amber. */
    static final double AMBER_BELOW = 80;
    private static final PseudoClass BREACHED = PseudoClass.getPseudoClass("breached");
    private final I18n i18n;
    private final Label title = Ui.label("", Styles.TEXT_BOLD);
    private final Label target = Ui.label("", Styles.TEXT_SMALL, Styles.TEXT_MUTED);
    private final RingProgressIndicator gauge = new RingProgressIndicator(0, false);
    private final Label waiting = value();
    private final Label longest = value();
    private final Label estimated = value();
    private final Label abandon = value();
    private final Label callbacks = value();
    private final Label asa = value();

    QueueCard(I18n i18n) {
        super(6);
        this.i18n = i18n;
        getStyleClass().add("queue-card");
        gauge.setPrefSize(58, 58);
        gauge.setMinSize(58, 58);
        gauge.getStyleClass().add("gauge");
        waiting.setId("card-waiting");
        estimated.setId("card-estimated");
        abandon.setId("card-abandon");
        gauge.setStringConverter(new StringConverter<>() {
            @Override public String toString(Double d) { return d == null ? "" : Math.round(d * 100) + "%"; }
            @Override public Double fromString(String s) { return 0.0; }
        });
        GridPane g = new GridPane();
        g.setHgap(16);
        g.setVgap(3);
        g.add(metric(waiting, i18n.t("sup.waiting")), 0, 0);
        g.add(metric(longest, i18n.t("sup.longest")), 1, 0);
        g.add(metric(estimated, i18n.t("sup.estimated")), 0, 1);
        g.add(metric(asa, i18n.t("sup.asa")), 1, 1);
        g.add(metric(abandon, i18n.t("sup.abandon")), 0, 2);
        g.add(metric(callbacks, i18n.t("sup.callbacks")), 1, 2);
        Label sl = Ui.label(i18n.t("sup.sl"), "caption");
        sl.setMinWidth(Label.USE_PREF_SIZE);
        VBox gaugeBox = new VBox(2, gauge, sl);
        gaugeBox.setAlignment(Pos.CENTER);
        title.setWrapText(true); // "Techninė pagalba · 1 linija": two lines rather than a wider card
        title.setMaxWidth(170);
        title.setMinHeight(Label.USE_PREF_SIZE);
        target.setMinWidth(Label.USE_PREF_SIZE);
        getChildren().addAll(Ui.row(6, title, Ui.grow(), target), Ui.row(12, gaugeBox, g));
    }

    private static Label value() {
        return Ui.label("", Styles.TEXT_BOLD, "mono");
    }

    private static VBox metric(Label value, String caption) {
        Label c = Ui.label(caption, "caption");
        c.setWrapText(true); // long words ("ilgiausias laukimas") take two lines, not the card's width
        c.setMaxWidth(82);
        c.setMinHeight(Label.USE_PREF_SIZE);
        value.setMinWidth(Label.USE_PREF_SIZE);
        return new VBox(-2, value, c);
    }

    void show(Views.QueueStats q) {
        title.setText(i18n.label("queue", q.queue()) + " · " + i18n.label("tier", q.tier()));
        target.setText(i18n.t("sup.target", q.targetSeconds()));
        Tooltip.install(this, new Tooltip(i18n.t("sup.target.long", q.targetSeconds())));
        gauge.setProgress(Math.max(0, Math.min(1, q.serviceLevelPercent() / 100.0)));
        waiting.setText(Integer.toString(q.waiting()));
        longest.setText(I18n.clock(q.longestWaitSeconds()));
        // an estimate is for a caller in line: with nobody waiting there is none to show ("4:00" read as a wait)
        estimated.setText(q.waiting() == 0 ? "—" : I18n.clock(q.estimatedWaitSeconds()));
        asa.setText(I18n.clock(q.averageSpeedOfAnswerSeconds()));
        abandon.setText(i18n.percent(q.abandonRatePercent()));
        callbacks.setText(Integer.toString(q.callbacksPending()));
        pseudoClassStateChanged(BREACHED, red(q));
        gauge.getStyleClass().removeAll("gauge-ok", "gauge-warn", "gauge-bad");
        double sl = q.serviceLevelPercent();
        gauge.getStyleClass().add(red(q) ? "gauge-bad" : sl < AMBER_BELOW ? "gauge-warn" : "gauge-ok");
    }

    /** Whether a queue's card shows red: a caller past the target now, or the service level under {@link #RED_BELOW}. */
    static boolean red(Views.QueueStats q) {
        return q.breached() || q.serviceLevelPercent() < RED_BELOW;
    }
}
