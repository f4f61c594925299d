package dev.frontline.desktop.report;

import atlantafx.base.theme.Styles;
import dev.frontline.core.api.AdminViews;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.MapChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import java.time.ZoneId;
import java.util.List;
import java.util.function.Function;

/**
 * A supervisor's Administration window: tabs for outages, the knowledge base, customers and the on-duty rota. Forms
 * keep what was typed when the server refuses it, with the server's words in red under the field it named. UI thread
 * only.
 */
public final class AdminWindow {
    private final AdminViewModel vm;
    private final I18n i18n;
    private final String stylesheet;
    private Stage stage;

    public AdminWindow(AdminViewModel vm, I18n i18n, String stylesheet) {
        this.vm = vm;
        this.i18n = i18n;
        this.stylesheet = stylesheet;
    }

    public Stage show() {
        if (stage == null) {
            stage = build();
            vm.refresh();
        }
        stage.show();
        stage.toFront();
        return stage;
    }

    public void close() {
        if (stage != null) stage.hide();
    }

    private Stage build() {
        TabPane tabs = new TabPane(
                tab("admin-tab-outages", i18n.t("admin.tab.outages"), outages()),
                tab("admin-tab-kb", i18n.t("admin.tab.kb"), knowledgeBase()),
                tab("admin-tab-customers", i18n.t("admin.tab.customers"), customers()),
                tab("admin-tab-onduty", i18n.t("admin.tab.onduty"), scroll(OnDutyPane.of(vm, i18n))));
        tabs.setId("admin-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        Label message = Ui.label("", Styles.TEXT_SMALL);
        message.setId("admin-message");
        message.setWrapText(true);
        message.setMinHeight(Label.USE_PREF_SIZE);
        vm.saidProperty().addListener((o, a, s) -> {
            message.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
            if (s == null) {
                message.setText("");
                return;
            }
            message.setText(i18n.has(s.key()) ? i18n.t(s.key(), s.args()) : s.key());
            message.getStyleClass().add(s.error() ? Styles.DANGER : Styles.SUCCESS);
        });
        BorderPane root = new BorderPane(tabs);
        root.setBottom(Ui.padded(new VBox(message), 8));
        Scene scene = new Scene(root, 1100, 700);
        scene.getStylesheets().add(stylesheet);
        Stage s = new Stage();
        s.setTitle("Frontline — " + i18n.t("admin.title"));
        s.setScene(scene);
        s.setOnHidden(e -> stage = null);
        return s;
    }

    private static Tab tab(String id, String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId(id);
        return t;
    }

    /** The server's words on {@code key} in red, shown only while there are any. */
    private Label error(String key) {
        Label l = Ui.label("", Styles.DANGER, Styles.TEXT_SMALL);
        l.setId("error-" + key.replace('.', '-'));
        l.setWrapText(true);
        l.setMinHeight(Label.USE_PREF_SIZE);
        l.visibleProperty().bind(l.textProperty().isNotEmpty());
        l.managedProperty().bind(l.visibleProperty());
        vm.errors().addListener((MapChangeListener<String, String>) c -> {
            if (c.getKey().equals(key)) l.setText(c.wasAdded() ? c.getValueAdded() : "");
        });
        return l;
    }

    static TextField field(String id, javafx.beans.property.StringProperty value, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }

    /** Label over its field over the server's error for it. */
    private VBox labelled(String label, Node input, String errorKey) {
        VBox v = new VBox(3, Ui.label(label, Styles.TEXT_BOLD), input, error(errorKey));
        return v;
    }

    private static GridPane grid() {
        GridPane g = new GridPane();
        g.setHgap(12);
        g.setVgap(8);
        ColumnConstraints half = new ColumnConstraints();
        half.setPercentWidth(50);
        g.getColumnConstraints().addAll(half, half);
        return g;
    }

    // --- outages ---

    private Node outages() {
        TableView<AdminViews.Outage> table = new TableView<>(vm.outages());
        table.setId("admin-outages");
        table.setPlaceholder(Ui.placeholder(i18n.t("admin.outages.none")));
        ZoneId zone = ZoneId.systemDefault();
        table.getColumns().add(column(i18n.t("admin.outage.area"), 140, AdminViews.Outage::area));
        table.getColumns().add(column(i18n.t("admin.outage.text"), 360, AdminViews.Outage::text));
        table.getColumns().add(column(i18n.t("admin.outage.since"), 140, o -> i18n.dateTime(o.startedAt())));
        table.getColumns().add(column(i18n.t("admin.outage.end"), 140, o -> o.expectedEnd() == null
                ? i18n.t("admin.outage.end.unknown") : i18n.dateTime(o.expectedEnd())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        table.setPrefHeight(220);
        // the list read again (after an extension) keeps the outage chosen
        long[] chosen = {-1};
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) chosen[0] = b.id();
        });
        vm.outages().addListener((javafx.collections.ListChangeListener<AdminViews.Outage>) c -> vm.outages().stream()
                .filter(x -> x.id() == chosen[0]).findFirst().ifPresent(x -> table.getSelectionModel().select(x)));

        TextField extendTo = field("outage-extend-to", vm.extendToProperty(), "2026-12-07 20:00");
        extendTo.setPrefColumnCount(12);
        Button extend = Ui.button(i18n.t("admin.outage.extend"), () -> vm.extend(table.getSelectionModel().getSelectedItem()),
                Styles.BUTTON_OUTLINED);
        extend.setId("outage-extend");
        Button resolve = Ui.button(i18n.t("admin.outage.resolve"), () -> vm.resolve(table.getSelectionModel().getSelectedItem()),
                Styles.SUCCESS);
        resolve.setId("outage-resolve");
        for (Button b : List.of(extend, resolve)) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        }
        VBox selected = new VBox(4, Ui.row(8, Ui.label(i18n.t("admin.outage.extend.to")), extendTo, extend, resolve),
                error("outage.extend"));

        ComboBox<String> area = areaChoice();
        TextField services = field("outage-services", vm.servicesProperty(), i18n.t("admin.outage.services.prompt"));
        TextField end = field("outage-end", vm.expectedEndProperty(), "2026-12-07 20:00");
        TextArea text = new TextArea();
        text.setId("outage-text");
        text.setPromptText(i18n.t("admin.outage.text.prompt"));
        text.setWrapText(true);
        text.setPrefRowCount(2);
        text.textProperty().bindBidirectional(vm.outageTextProperty());
        Button report = Ui.button(i18n.t("admin.outage.report"), vm::reportOutage, Styles.DANGER);
        report.setId("outage-report");
        GridPane form = grid();
        form.add(labelled(i18n.t("admin.outage.area"), area, "outage.area"), 0, 0);
        form.add(labelled(i18n.t("admin.outage.services"), services, "outage.services"), 1, 0);
        form.add(labelled(i18n.t("admin.outage.end.field"), end, "outage.expectedEnd"), 0, 1);
        VBox textBox = labelled(i18n.t("admin.outage.text"), text, "outage.text");
        form.add(textBox, 0, 2, 2, 1);
        VBox box = new VBox(10, Ui.label(i18n.t("admin.outages.ongoing"), Styles.TITLE_4), table, selected,
                Ui.label(i18n.t("admin.outage.new"), Styles.TITLE_4), form, report);
        return scroll(box);
    }

    /**
     * The outage's area: picked from the known areas (the customers' service areas, {@code GET
     * /api/admin/outage-areas}) or typed; typing narrows the list to the areas that start with (else contain) the
     * text and opens it. What is typed is what is sent: an area the server does not know is refused next to the field.
     */
    private ComboBox<String> areaChoice() {
        ComboBox<String> area = new ComboBox<>();
        area.setId("outage-area");
        area.setEditable(true);
        area.setPromptText(i18n.t("admin.outage.area.prompt"));
        area.setMaxWidth(Double.MAX_VALUE);
        area.setVisibleRowCount(8);
        area.getEditor().textProperty().bindBidirectional(vm.areaProperty());
        Runnable narrow = () -> {
            String typed = area.getEditor().getText();
            List<String> shown = AdminViewModel.matching(vm.areas(), typed);
            if (!shown.equals(area.getItems())) area.getItems().setAll(shown);
            boolean exact = shown.size() == 1 && shown.get(0).equals(typed);
            if (area.getEditor().isFocused() && !shown.isEmpty() && !exact && typed != null && !typed.isEmpty()) {
                area.show();
            } else if (exact || shown.isEmpty()) {
                area.hide();
            }
        };
        // narrowed on the next pulse, not inside the editor's own text change (the list it shows changes with it)
        javafx.animation.PauseTransition typed = new javafx.animation.PauseTransition(javafx.util.Duration.millis(1));
        typed.setOnFinished(e -> narrow.run());
        area.getEditor().textProperty().addListener((o, a, b) -> typed.playFromStart());
        vm.areas().addListener((javafx.collections.ListChangeListener<String>) c -> narrow.run());
        narrow.run();
        return area;
    }

    // --- knowledge base ---

    private Node knowledgeBase() {
        ChoiceBox<String> filter = new ChoiceBox<>();
        filter.setId("kb-filter");
        filter.getItems().add("");
        filter.getItems().addAll(AdminViewModel.LANGUAGES);
        filter.setConverter(languageNames(i18n.t("admin.kb.all")));
        filter.valueProperty().bindBidirectional(vm.kbFilterProperty());
        filter.valueProperty().addListener((o, a, b) -> vm.readArticles());
        CheckBox retired = new CheckBox(i18n.t("admin.kb.retired"));
        retired.setId("kb-retired");
        retired.selectedProperty().bindBidirectional(vm.showRetiredProperty());
        retired.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        filter.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        retired.selectedProperty().addListener((o, a, b) -> vm.readArticles());
        ListView<Views.KbArticleText> list = new ListView<>(vm.articles());
        list.setId("kb-articles");
        list.setPlaceholder(Ui.placeholder(i18n.t("admin.kb.none")));
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(Views.KbArticleText a, boolean empty) {
                super.updateItem(a, empty);
                setText(empty || a == null ? null : "#" + a.id() + " · " + a.language() + " · " + a.title()
                        + (a.retiredAt() == null ? "" : " · " + i18n.t("admin.kb.retired.mark")));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) vm.edit(b);
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        Button add = Ui.button(i18n.t("admin.kb.new"), () -> {
            list.getSelectionModel().clearSelection();
            vm.newArticle();
        }, Styles.BUTTON_OUTLINED);
        add.setId("kb-new");
        VBox left = new VBox(8, Ui.row(8, filter, retired, Ui.grow(), add), list);
        left.setPrefWidth(380);
        left.setMinWidth(320);

        ChoiceBox<String> language = new ChoiceBox<>();
        language.setId("kb-language");
        language.getItems().addAll(AdminViewModel.LANGUAGES);
        language.setConverter(languageNames(""));
        language.valueProperty().bindBidirectional(vm.kbLanguageProperty());
        TextField title = field("kb-title", vm.kbTitleProperty(), "");
        TextField tags = field("kb-tags", vm.kbTagsProperty(), i18n.t("admin.kb.tags.prompt"));
        TextArea body = new TextArea();
        body.setId("kb-body");
        body.setWrapText(true);
        body.setPrefRowCount(8);
        body.textProperty().bindBidirectional(vm.kbBodyProperty());
        VBox.setVgrow(body, Priority.ALWAYS);
        Label heading = Ui.label("", Styles.TITLE_4);
        heading.setId("kb-heading");
        heading.textProperty().bind(Bindings.createStringBinding(() -> vm.editingProperty().get() == null
                ? i18n.t("admin.kb.writing") : i18n.t("admin.kb.editing", vm.editingProperty().get().id()),
                vm.editingProperty()));
        Button save = Ui.button(i18n.t("admin.kb.save"), vm::saveArticle, Styles.ACCENT);
        save.setId("kb-save");
        Button retire = Ui.button(i18n.t("admin.kb.retire"), vm::retire, Styles.BUTTON_OUTLINED, Styles.DANGER);
        retire.setId("kb-retire");
        retire.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.editingProperty().get() == null
                || vm.editingProperty().get().retiredAt() != null, vm.editingProperty()));
        VBox langBox = new VBox(3, Ui.label(i18n.t("admin.kb.language"), Styles.TEXT_BOLD), language, error("kb.language"));
        VBox bodyBox = new VBox(3, Ui.label(i18n.t("admin.kb.body"), Styles.TEXT_BOLD), body, error("kb.body"));
        VBox.setVgrow(bodyBox, Priority.ALWAYS);
        VBox right = new VBox(8, heading, langBox, labelled(i18n.t("admin.kb.title"), title, "kb.title"),
                labelled(i18n.t("admin.kb.tags"), tags, "kb.tags"), bodyBox, Ui.row(8, save, retire));
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox box = new HBox(16, left, right);
        return Ui.padded(box, 12);
    }

    private javafx.util.StringConverter<String> languageNames(String none) {
        return new javafx.util.StringConverter<>() {
            @Override
            public String toString(String code) {
                return code == null || code.isEmpty() ? none : i18n.t("language." + code);
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        };
    }

    // --- customers ---

    private Node customers() {
        TextField q = field("customer-query", vm.customerQueryProperty(), i18n.t("admin.customers.prompt"));
        q.setPrefColumnCount(24);
        q.setOnAction(e -> vm.findCustomers());
        Button find = Ui.button(i18n.t("admin.customers.find"), vm::findCustomers, Styles.ACCENT);
        find.setId("customer-find");
        TableView<Views.CustomerCard> table = new TableView<>(vm.customers());
        table.setId("admin-customers");
        table.setPlaceholder(Ui.placeholder(i18n.t("admin.customers.hint")));
        table.getColumns().add(column(i18n.t("admin.customer.contract"), 100, Views.CustomerCard::contractNumber));
        table.getColumns().add(column(i18n.t("admin.customer.name"), 200, Views.CustomerCard::name));
        table.getColumns().add(column(i18n.t("admin.customer.mobile"), 140, c -> c.mobile() == null ? "" : c.mobile()));
        table.getColumns().add(column(i18n.t("admin.customer.area"), 120, c -> c.serviceArea() == null ? "" : c.serviceArea()));
        table.getColumns().add(column(i18n.t("admin.customer.plan"), 120, c -> c.plan() == null ? "" : c.plan()));
        table.getColumns().add(column(i18n.t("admin.customer.status"), 100, c -> i18n.label("customer.status", c.status())));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        VBox.setVgrow(table, Priority.ALWAYS);
        Button pin = Ui.button(i18n.t("admin.customer.pin"), () -> vm.resetPin(table.getSelectionModel().getSelectedItem()),
                Styles.BUTTON_OUTLINED);
        pin.setId("customer-pin-reset");
        Button deactivate = Ui.button(i18n.t("admin.customer.deactivate"),
                () -> vm.deactivate(table.getSelectionModel().getSelectedItem()), Styles.DANGER, Styles.BUTTON_OUTLINED);
        deactivate.setId("customer-deactivate");
        for (Button b : List.of(pin, deactivate)) {
            b.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
        }
        Label how = Ui.label(i18n.t("admin.customer.how"), Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        how.setWrapText(true);
        how.setMinHeight(Label.USE_PREF_SIZE);
        VBox box = new VBox(8, Ui.row(8, q, find), error("customer.q"), table, Ui.row(8, pin, deactivate), how);
        return Ui.padded(box, 12);
    }

    // --- on duty ---

    private static Node scroll(VBox content) {
        content.setPadding(new Insets(12));
        javafx.scene.control.ScrollPane sp = new javafx.scene.control.ScrollPane(content);
        sp.setFitToWidth(true);
        return sp;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        return Columns.of(title, width, value);
    }
}
