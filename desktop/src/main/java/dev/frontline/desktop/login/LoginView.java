package dev.frontline.desktop.login;

import atlantafx.base.theme.Styles;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.ui.Ui;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The login screen: a centred card with server, login and password. */
public final class LoginView extends StackPane {
    private final TextField login = new TextField();
    private final PasswordField password = new PasswordField();

    public LoginView(LoginViewModel vm, I18n i18n, String notice) {
        getStyleClass().add("login-view");
        Label brand = Ui.label("Frontline", Styles.TITLE_1, "brand");
        Label tagline = Ui.label(i18n.t("login.tagline"), Styles.TEXT_MUTED);
        tagline.setWrapText(true);

        TextField server = new TextField();
        server.setId("server");
        server.textProperty().bindBidirectional(vm.serverProperty());
        login.setId("login");
        login.setPromptText(i18n.t("login.login"));
        login.textProperty().bindBidirectional(vm.loginProperty());
        password.setId("password");
        password.setPromptText(i18n.t("login.password"));
        password.textProperty().bindBidirectional(vm.passwordProperty());

        Button go = Ui.button(i18n.t("login.submit"), vm::login, Styles.ACCENT);
        go.setId("login-button");
        go.setDefaultButton(true);
        go.setMaxWidth(Double.MAX_VALUE);
        go.disableProperty().bind(vm.canLoginProperty().not());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.busyProperty());
        busy.managedProperty().bind(vm.busyProperty());

        Label error = Ui.label("", Styles.DANGER);
        error.setId("login-error");
        error.setWrapText(true);
        error.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> { // the server's reasons in words
            String e = vm.errorProperty().get();
            return e != null && i18n.has(e) ? i18n.t(e) : e;
        }, vm.errorProperty()));
        error.managedProperty().bind(error.textProperty().isNotEmpty());

        Label note = Ui.label(notice == null ? "" : notice, Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.setWrapText(true);
        note.setManaged(notice != null);

        VBox card = new VBox(10,
                brand, tagline,
                Ui.label(i18n.t("login.server"), Styles.TEXT_SMALL), server,
                Ui.label(i18n.t("login.login"), Styles.TEXT_SMALL), login,
                Ui.label(i18n.t("login.password"), Styles.TEXT_SMALL), password,
                Ui.row(8, go, busy), error, note);
        javafx.scene.layout.HBox.setHgrow(go, javafx.scene.layout.Priority.ALWAYS);
        card.getStyleClass().addAll("login-card", Styles.ELEVATED_2);
        card.setMaxSize(380, VBox.USE_PREF_SIZE);
        card.setFillWidth(true);
        getChildren().add(card);
        setAlignment(Pos.CENTER);
    }

    /** Puts the cursor where typing starts. */
    public void focusFirstEmpty() {
        (login.getText().isBlank() ? login : password).requestFocus();
    }
}
