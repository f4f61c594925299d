package dev.frontline.desktop;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.net.ApiClient;
import dev.frontline.desktop.net.Authenticator;
import dev.frontline.desktop.net.FxExecutor;
import dev.frontline.server.testing.ApiFixture;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end over loopback: the real desktop (windows, view models, HTTP + WebSocket client) against the server's
 * real desktop API and simulated line (the API fixture: scripted one-key IVR, first-come ACD). A caller dials on
 * the test line; the operator gets the screen-pop, answers, writes a note and escalates; the supervisor's numbers
 * follow.
 */
@ExtendWith(ApplicationExtension.class)
class LiveServerFxTest {
    @TempDir
    static Path dir;
    private static ApiFixture server;
    private static String url;
    private DeskWindow.Context ctx;
    private DeskWindow operatorWindow;

    @BeforeAll
    static void startServer() {
        server = new ApiFixture(dir, Clock.systemUTC(), Duration.ofHours(1));
        url = "http://127.0.0.1:" + server.api.port();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Start
    void start(Stage stage) {
        // windows earlier test classes left open in this JVM would answer lookups such as #toast first
        for (javafx.stage.Window w : List.copyOf(javafx.stage.Window.getWindows())) {
            if (w != stage) {
                w.hide();
            }
        }
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        ctx = new DeskWindow.Context(I18n.forSetting("en"), Authenticator.remote(new FxExecutor()), Clock.systemUTC(),
                DesktopMain.class.getResource("app.css").toExternalForm());
        operatorWindow = new DeskWindow(stage, ctx, url, null);
        stage.show();
    }

    private void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + " (the desk said: " + lastSaid + ")", e);
        }
    }

    /** The operator desk's toasts so far: what a refusal said when a wait times out. */
    private final List<String> lastSaid = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Scrolls the scroll pane holding {@code id} so that the node is in its middle, as an operator would. */
    private static void scrollIntoView(FxRobot robot, String id) {
        robot.interact(() -> {
            Node n = robot.lookup(id).query();
            javafx.scene.Parent p = n.getParent();
            while (p != null && !(p instanceof javafx.scene.control.ScrollPane)) {
                p = p.getParent();
            }
            if (p instanceof javafx.scene.control.ScrollPane sp && sp.getContent() != null) {
                double viewport = sp.getViewportBounds().getHeight();
                double content = sp.getContent().getBoundsInLocal().getHeight();
                if (content <= viewport) {
                    return;
                }
                double y = sp.getContent().sceneToLocal(n.localToScene(n.getBoundsInLocal())).getCenterY();
                double v = Math.max(0, Math.min(1, (y - viewport / 2) / (content - viewport)));
                sp.setVvalue(sp.getVmin() + v * (sp.getVmax() - sp.getVmin()));
            }
        });
    }

    private static String text(FxRobot robot, String id) {
        return onFx(() -> {
            Optional<Node> n = robot.lookup(id).tryQuery();
            return n.map(x -> ((Label) x).getText()).orElse("");
        });
    }

    /** A read of the scene on the FX thread: the live server's events change it meanwhile. */
    private static <T> T onFx(java.util.concurrent.Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void callFromTheTestLineToScreenPopNoteEscalationAndTheWallboard(FxRobot robot) throws Exception {
        // given: the operator logs in by typing and goes Ready with F2
        robot.clickOn("#login").write("anna");
        robot.clickOn("#password").write("secret");
        robot.clickOn("#login-button");
        waitFor("the operator view", () -> robot.lookup("#state").tryQuery().isPresent());
        robot.interact(() -> robot.from(operatorWindow.stage().getScene().getRoot()).lookup("#toast")
                .queryAs(Label.class).textProperty().addListener((o, a, t) -> lastSaid.add(t)));
        robot.interact(() -> operatorWindow.stage().toFront());
        robot.clickOn("#state"); // the keys go to the focused window
        robot.press(KeyCode.F2).release(KeyCode.F2);
        waitFor("state Ready", () -> text(robot, "#state").equals("Ready"));

        // and: a supervisor watches
        robot.interact(() -> {
            Stage s = new Stage();
            DeskWindow sup = new DeskWindow(s, ctx, url, null);
            s.show();
            s.setX(1300); // beside the operator's window, as on a supervisor's second screen
            s.setY(0);
            sup.login().autoLogin(url, "sue", "secret");
        });
        waitFor("the wallboard counting anna ready", () -> text(robot, "#kpi-ready").equals("1"));

        // when: a known customer calls the test line and presses 1 (technical failure)
        ApiClient phone = new ApiClient(URI.create(url), Runnable::run);
        Views.LoginResponse sue = phone.login("sue", "secret").get(10, TimeUnit.SECONDS);
        Views.PhoneCallAnswer dialled = phone.simDial(sue, "+37061111111", null).get(10, TimeUnit.SECONDS);
        assertThat(dialled.turn().steps()).extracting(Views.PhoneStep::text).contains("Press 1 for a technical failure.");
        phone.simInput(sue, dialled.callId(), "1", false).get(10, TimeUnit.SECONDS);

        // then: the operator's screen pops with the customer before answering
        waitFor("the screen-pop", () -> text(robot, "#caller-name").equals("Jonas Jonaitis"));
        waitFor("the Answer button", () -> robot.lookup("#accept").tryQuery().map(Node::isVisible).orElse(false));
        robot.interact(() -> operatorWindow.stage().toFront());
        robot.clickOn("#accept");
        waitFor("talking", () -> text(robot, "#state").equals("Talking"));
        waitFor("the wallboard counting anna talking", () -> text(robot, "#kpi-talking").equals("1")
                && text(robot, "#kpi-ready").equals("0"));

        // when: a note is written and saved with Ctrl+Enter
        robot.clickOn("#note").write("No sync on the router since morning");
        robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        waitFor("the note saved by the server", () -> robot.lookup("#saved-notes").queryAs(ListView.class)
                .getItems().contains("No sync on the router since morning"));
        assertThat(text(robot, "#ticket-id")).matches("FL-\\d{6}"); // ticket ids come from core.ticket (counters)
        String ticket = text(robot, "#ticket-id");
        waitFor("the new ticket among the pop's open tickets", () -> popLabels(robot).contains(ticket));

        // and: the ticket is escalated to line 2
        robot.clickOn("#note").write("needs a line 2 engineer");
        scrollIntoView(robot, "#escalate-l2"); // the work pane scrolls: at 1280x720 the button can lie below its fold
        robot.clickOn("#escalate-l2");
        waitFor("the escalation acknowledged", () -> onFx(() -> robot.from(operatorWindow.stage().getScene().getRoot())
                .lookup("#toast").queryAs(Label.class).getText()).equals("Ticket escalated"));
        waitFor("the pop showing the ticket on line 2", () -> popLabels(robot).stream().anyMatch(t -> t.startsWith("Line 2 · ")));

        // when: the caller is put on hold with F8 (issue 21: the line, not only the ACD, must take it)
        scrollIntoView(robot, "#note");
        robot.clickOn("#note");
        robot.press(KeyCode.F8).release(KeyCode.F8);
        waitFor("the server's call-hold", () -> buttonText(robot, "#hold").equals("Resume")
                && text(robot, "#held-time").startsWith("On hold "));
        // and taken back
        robot.press(KeyCode.F8).release(KeyCode.F8);
        waitFor("resumed, the hold's length shown", () -> buttonText(robot, "#hold").equals("Hold")
                && text(robot, "#held-time").matches("Held \\d+:\\d\\d in all"));

        // and: passed to line 2 with a note for the next operator
        robot.clickOn("#note").write("please call back about the router");
        robot.clickOn("#transfer");
        waitFor("wrap-up after the transfer", () -> text(robot, "#state").equals("Wrap-up"));
        assertThat(lastSaid).contains("Call transferred: the caller keeps their place on that line.");
    }

    private static String buttonText(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).tryQuery().map(x -> ((javafx.scene.control.Button) x).getText()).orElse(""));
    }

    /**
     * The pop's texts, its ticket ids (links to open them) among them; read on the FX thread, which re-renders
     * the pop meanwhile (a lookup from the test thread once walked a list being replaced).
     */
    private static List<String> popLabels(FxRobot robot) {
        return onFx(() -> java.util.stream.Stream.of(".screen-pop .label", ".screen-pop .hyperlink")
                .flatMap(q -> robot.lookup(q).queryAllAs(javafx.scene.control.Labeled.class).stream())
                .map(javafx.scene.control.Labeled::getText).toList());
    }
}
