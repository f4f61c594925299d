package dev.frontline.desktop;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.frontline.desktop.demo.EmbeddedDemo;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.net.Authenticator;
import dev.frontline.desktop.net.FxExecutor;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * The desktop: with a server URL, a login window for it; without one, the demo — the embedded server on a
 * loopback port, a supervisor window, an operator window and the test phone, all logged in.
 */
public final class DesktopMain extends Application {
    private static final Logger log = LoggerFactory.getLogger(DesktopMain.class);

    private volatile EmbeddedDemo demo;

    public static void main(String[] args) {
        launch(DesktopMain.class, args);
    }

    @Override
    public void start(Stage primary) {
        DesktopSettings settings;
        try {
            settings = DesktopSettings.parse(getParameters().getRaw(), System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("frontline desktop: " + e.getMessage());
            Platform.exit();
            return;
        }
        Application.setUserAgentStylesheet(settings.dark() ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        I18n i18n = I18n.forSetting(settings.language());
        FxExecutor fx = new FxExecutor();
        DeskWindow.Context ctx = new DeskWindow.Context(i18n, Authenticator.remote(fx), Clock.systemDefaultZone(),
                Objects.requireNonNull(DesktopMain.class.getResource("app.css")).toExternalForm());

        DeskWindow main = new DeskWindow(primary, ctx, settings.demo() ? "" : settings.serverUrl(),
                settings.demo() ? i18n.t("demo.starting") : null);
        primary.setOnShown(e -> reportStartup());
        primary.show();
        if (Boolean.getBoolean("frontline.exitAfterStartup")) { // start-up measurement: see README "Desktop"
            Platform.runLater(Platform::exit);
            return;
        }
        main.ringTone(settings.ringTone());
        if (settings.demo()) startDemo(settings, ctx, main);
    }

    private static void reportStartup() {
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        long cpuMs = ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class)
                .getProcessCpuTime() / 1_000_000;
        log.info("start-up to login screen: {} ms (CPU {} ms)", ms, cpuMs);
        System.out.println("frontline desktop: login screen shown " + ms + " ms after JVM start (process CPU "
                + cpuMs + " ms, " + Runtime.getRuntime().availableProcessors() + " cores)");
    }

    private void startDemo(DesktopSettings settings, DeskWindow.Context ctx, DeskWindow supervisorWindow) {
        Thread t = new Thread(() -> {
            try {
                Path db = Files.createDirectories(Path.of(settings.dataDir() != null ? settings.dataDir() : "data"))
                        .resolve("demo.db"); // the file `serve --demo` uses: one demo store
                long t0 = System.nanoTime();
                demo = EmbeddedDemo.start(db);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                log.info("demo server up at {} in {} ms (demo data in {})", demo.url(), ms, db);
                System.out.println("frontline desktop: demo server " + demo.url() + " up in " + ms + " ms (" + db + ")");
                System.out.println("frontline desktop: web callback form " + demo.formUrl());
                Platform.runLater(() -> openDemoWindows(ctx, supervisorWindow));
            } catch (Exception e) {
                log.error("demo server failed to start", e);
                Platform.runLater(() -> supervisorWindow.login().showError(
                        ctx.i18n().t("demo.failed", e.getMessage())));
            }
        }, "frontline-demo-start");
        t.setDaemon(true);
        t.start();
    }

    private void openDemoWindows(DeskWindow.Context ctx, DeskWindow supervisorWindow) {
        String url = demo.url().toString();
        supervisorWindow.onLoggedIn(supervisorWindow::openPhone);
        supervisorWindow.showFormUrl(demo.formUrl().toString());
        supervisorWindow.login().autoLogin(url, demo.supervisor().login(), demo.supervisor().password());

        Stage opStage = new Stage();
        // not Ready by itself: calls offered before the human looks would be missed; the simulated colleagues take
        // the calls until the operator presses Ready (F2)
        DeskWindow operator = new DeskWindow(opStage, ctx, url, null);
        opStage.setX(supervisorWindow.stage().getX() + 60);
        opStage.setY(supervisorWindow.stage().getY() + 40);
        opStage.show();
        operator.login().autoLogin(url, demo.operator().login(), demo.operator().password());
    }

    @Override
    public void stop() throws Exception {
        EmbeddedDemo d = demo;
        if (d != null) d.close();
    }
}
