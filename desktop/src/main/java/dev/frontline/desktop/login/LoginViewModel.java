package dev.frontline.desktop.login;

import dev.frontline.desktop.net.ApiClient;
import dev.frontline.desktop.net.Authenticator;
import dev.frontline.desktop.net.Desk;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.net.URI;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/** Login form state and the login command. Call on the FX thread. */
public final class LoginViewModel {
    private final Authenticator auth;
    private final Consumer<Desk> onLoggedIn;
    private final StringProperty server = new SimpleStringProperty("");
    private final StringProperty login = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final BooleanBinding canLogin;

    public LoginViewModel(Authenticator auth, String serverUrl, Consumer<Desk> onLoggedIn) {
        this.auth = auth;
        this.onLoggedIn = onLoggedIn;
        server.set(serverUrl == null ? "" : serverUrl);
        canLogin = Bindings.createBooleanBinding(() -> !busy.get() && !login.get().isBlank()
                && !password.get().isEmpty() && !server.get().isBlank(), busy, login, password, server);
    }

    public StringProperty serverProperty() { return server; }
    public StringProperty loginProperty() { return login; }
    public StringProperty passwordProperty() { return password; }
    public ReadOnlyBooleanProperty busyProperty() { return busy.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public BooleanBinding canLoginProperty() { return canLogin; }

    /** Fills the form and logs in (the demo's windows). */
    public void autoLogin(String serverUrl, String user, String pw) {
        server.set(serverUrl);
        login.set(user);
        password.set(pw);
        login();
    }

    /** Shows a problem that is not the login's (e.g. the demo server did not start). */
    public void showError(String text) {
        error.set(text);
    }

    /**
     * What to show for a failed login: a bundle key ({@code login.error.<status>}) for the refusals a person meets
     * (wrong password, too many attempts, server not reached), so they read in the desk's language; otherwise the
     * server's own words.
     */
    static String reason(Throwable c) {
        if (c instanceof dev.frontline.desktop.net.ApiException a) {
            if (a.status() == 401) return "login.error.401";
            if (a.status() == 429) return "login.error.429";
            if (a.status() == 0 && a.getMessage() != null && a.getMessage().startsWith("cannot reach")) return "login.error.unreachable";
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }

    /** Logs in; on success hands the desk over, on failure shows the server's reason. The password is cleared. */
    public void login() {
        if (!canLogin.get()) return;
        java.util.List<URI> uri;
        try {
            uri = ApiClient.parseServerUrls(server.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        busy.set(true);
        error.set("");
        String pw = password.get();
        auth.login(uri, login.get().trim(), pw).whenComplete((desk, e) -> {
            busy.set(false);
            password.set("");
            if (e != null) {
                Throwable c = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                error.set(reason(c));
            } else {
                onLoggedIn.accept(desk);
            }
        });
    }
}
