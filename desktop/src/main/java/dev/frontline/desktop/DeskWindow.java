package dev.frontline.desktop;

import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.login.LoginView;
import dev.frontline.desktop.login.LoginViewModel;
import dev.frontline.desktop.net.Authenticator;
import dev.frontline.desktop.net.Desk;
import dev.frontline.desktop.net.RemoteDesk;
import dev.frontline.desktop.operator.OperatorView;
import dev.frontline.desktop.operator.OperatorViewModel;
import dev.frontline.desktop.operator.LineTicketsViewModel;
import dev.frontline.desktop.phone.PhoneView;
import dev.frontline.desktop.supervisor.TicketsWindow;
import dev.frontline.desktop.phone.PhoneViewModel;
import dev.frontline.desktop.phone.SoundPlayer;
import dev.frontline.desktop.supervisor.SupervisorView;
import dev.frontline.desktop.supervisor.SupervisorViewModel;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

import java.time.Clock;
import java.util.function.Consumer;

/**
 * One desktop window: the login screen, then the operator or supervisor view by the session's role. Closing the
 * window ends its session's live connection.
 */
public final class DeskWindow {
    /** What every window shares. */
    /** @param saveAs where a supervisor saves a report's file (the platform's save dialog; a fixed path in tests) */
    public record Context(I18n i18n, Authenticator auth, Clock clock, String stylesheet,
                          java.util.function.BiFunction<javafx.stage.Window, String, java.nio.file.Path> saveAs) {
        public Context(I18n i18n, Authenticator auth, Clock clock, String stylesheet) {
            this(i18n, auth, clock, stylesheet, dev.frontline.desktop.report.ReportsWindow::fileChooser);
        }
    }

    private final Stage stage;
    private final Context ctx;
    private final LoginViewModel login;
    private Desk desk;
    private Runnable dispose = () -> { };
    private Consumer<Desk> onLoggedIn = d -> { };
    private boolean readyOnConnect;

    public DeskWindow(Stage stage, Context ctx, String serverUrl, String notice) {
        this.stage = stage;
        this.ctx = ctx;
        this.login = new LoginViewModel(ctx.auth(), serverUrl, this::loggedIn);
        LoginView view = new LoginView(login, ctx.i18n(), notice);
        stage.setTitle("Frontline");
        stage.setScene(scene(view, 1200, 760));
        stage.setOnHidden(e -> close());
        view.focusFirstEmpty();
    }

    /** Whether calls ring with a tone too (the window is raised either way); {@code --no-ring} turns it off. */
    public void ringTone(boolean on) {
        this.ringTone = on;
    }

    private boolean ringTone = true;

    public Stage stage() {
        return stage;
    }

    public LoginViewModel login() {
        return login;
    }

    /** An operator window sets itself Ready once connected (the demo's operator takes calls at once). */
    public void readyOnConnect() {
        this.readyOnConnect = true;
    }

    private String formUrl;

    /** The web callback form's address, shown on a supervisor's wallboard (the demo's, on its own port). */
    public void showFormUrl(String url) {
        this.formUrl = url;
    }

    /** Called once the view for the session is showing. */
    public void onLoggedIn(Consumer<Desk> action) {
        this.onLoggedIn = action;
    }

    private Scene scene(Parent root, double w, double h) {
        Scene s = new Scene(root, w, h);
        s.getStylesheets().add(ctx.stylesheet());
        return s;
    }

    private void loggedIn(Desk d) {
        this.desk = d;
        I18n i18n = ctx.i18n();
        String who = d.session().name() + " (" + i18n.t("role." + d.session().role()) + ")";
        if ("supervisor".equals(d.session().role())) {
            SupervisorViewModel vm = new SupervisorViewModel(d, ctx.clock());
            TicketsWindow tickets = new TicketsWindow(new LineTicketsViewModel(d), i18n, ctx.clock(), ctx.stylesheet(),
                    vm.operators());
            SupervisorView view = new SupervisorView(vm, i18n, ctx.clock(), () -> openPhone(d), tickets::show);
            // built when first opened: a desk without reports and administration (a test's) still shows the wallboard
            dev.frontline.desktop.report.ReportsWindow[] reports = {null};
            dev.frontline.desktop.report.AdminWindow[] admin = {null};
            view.addWindows(() -> {
                if (reports[0] == null) {
                    reports[0] = new dev.frontline.desktop.report.ReportsWindow(new dev.frontline.desktop.report
                            .ReportsViewModel(d.admin(), ctx.clock()), i18n, ctx.stylesheet(), ctx.saveAs());
                }
                reports[0].show();
            }, () -> {
                if (admin[0] == null) {
                    admin[0] = new dev.frontline.desktop.report.AdminWindow(new dev.frontline.desktop.report
                            .AdminViewModel(d.admin(), ctx.clock()), i18n, ctx.stylesheet());
                }
                admin[0].show();
            });
            view.showFormUrl(formUrl);
            stage.getScene().setRoot(view);
            stage.setTitle("Frontline — " + i18n.t("sup.title") + " — " + who);
            vm.start();
            dispose = () -> {
                view.dispose();
                tickets.close();
                if (reports[0] != null) reports[0].close();
                if (admin[0] != null) admin[0].close();
            };
            backToLoginWhenExpired(vm.connectionProperty());
        } else {
            OperatorViewModel vm = new OperatorViewModel(d, ctx.clock());
            OperatorView view = new OperatorView(vm, i18n, ctx.clock(),
                    new dev.frontline.desktop.operator.DeskRinger(stage, ringTone, i18n.t("ring.title")));
            stage.getScene().setRoot(view);
            if (readyOnConnect) {
                vm.connectionProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                    @Override
                    public void changed(javafx.beans.value.ObservableValue<? extends String> o, String a, String b) {
                        if ("ONLINE".equals(b)) {
                            o.removeListener(this);
                            vm.ready();
                        }
                    }
                });
            }
            stage.setTitle("Frontline — " + who);
            vm.start();
            dispose = view::dispose;
            backToLoginWhenExpired(vm.connectionProperty());
            vm.loggedOutProperty().addListener((o, was, out) -> {
                if (out) backToLogin(null);
            });
        }
        onLoggedIn.accept(d);
    }

    /** A session that expired (or was logged out) brings the login screen back, with the reason. */
    private void backToLoginWhenExpired(javafx.beans.value.ObservableValue<String> connection) {
        connection.addListener((o, was, now) -> {
            if ("EXPIRED".equals(now)) backToLogin(ctx.i18n().t("conn.EXPIRED"));
        });
    }

    /** The login screen again, with {@code why} when there is one (an expired session; none after a log-out). */
    private void backToLogin(String why) {
        if (desk == null) return; // already there
        dispose.run();
        if (desk != null) desk.close();
        desk = null;
        login.showError(why == null ? "" : why);
        LoginView view = new LoginView(login, ctx.i18n(), null);
        stage.getScene().setRoot(view);
        stage.setTitle("Frontline");
        view.focusFirstEmpty();
    }

    /** The test phone: its own window and live connection on this session. */
    public Stage openPhone(Desk d) {
        Desk phoneDesk = d.sibling();
        SoundPlayer sound = phoneDesk instanceof RemoteDesk r ? new SoundPlayer(r.server()) : null;
        PhoneViewModel vm = new PhoneViewModel(phoneDesk, "+37060000000", sound == null ? s -> { } : sound);
        PhoneView view = new PhoneView(vm, ctx.i18n());
        Stage s = new Stage();
        s.setTitle("Frontline — " + ctx.i18n().t("phone.title"));
        s.setScene(scene(view, 380, 720));
        s.setOnHidden(e -> {
            phoneDesk.close();
            if (sound != null) sound.close();
        });
        vm.start();
        s.show();
        return s;
    }

    private void close() {
        dispose.run();
        if (desk != null) desk.close();
    }
}
