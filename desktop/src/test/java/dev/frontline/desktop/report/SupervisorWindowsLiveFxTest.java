package dev.frontline.desktop.report;

import atlantafx.base.theme.PrimerLight;
import com.fasterxml.jackson.databind.JsonNode;
import dev.frontline.core.api.ApiJson;
import dev.frontline.core.store.Database;
import dev.frontline.desktop.DeskWindow;
import dev.frontline.desktop.DesktopMain;
import dev.frontline.desktop.demo.EmbeddedDemo;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.net.Authenticator;
import dev.frontline.desktop.net.FxExecutor;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The supervisor's Reports and Administration windows against the real embedded demo server (its SQLite file, its
 * HTTP API, its demo data and traffic) over loopback, clicked as a supervisor would: a report for a period with data,
 * exports that write the server's real CSV and PDF, a callback for an abandoned caller, outages, articles and a
 * customer changed in the store, and bad input answered by the server's words next to the field, nothing changed.
 */
@ExtendWith(ApplicationExtension.class)
class SupervisorWindowsLiveFxTest {
    @TempDir
    static Path dir;
    private static EmbeddedDemo demo;
    private static Path saveTo;
    private Stage stage;

    @BeforeAll
    static void startDemo() {
        demo = EmbeddedDemo.start(dir.resolve("demo.db"));
    }

    @AfterAll
    static void stopDemo() {
        demo.close();
    }

    @Start
    void start(Stage stage) {
        for (Window w : List.copyOf(Window.getWindows())) {
            if (w != stage) w.hide();
        }
        this.stage = stage;
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        DeskWindow.Context ctx = new DeskWindow.Context(I18n.forSetting("en"), Authenticator.remote(new FxExecutor()),
                Clock.systemUTC(), DesktopMain.class.getResource("app.css").toExternalForm(), (owner, name) -> saveTo);
        DeskWindow w = new DeskWindow(stage, ctx, demo.url().toString(), null);
        stage.show();
        w.login().autoLogin(demo.url().toString(), demo.supervisor().login(), demo.supervisor().password());
    }

    @Test
    void reportsShowAPeriodWithDataExportTheServersFilesAndCallBackAnAbandonedCaller(FxRobot robot) throws Exception {
        String callId = "it-abandoned-" + System.nanoTime();
        long now = System.currentTimeMillis();
        try (Database db = Database.sqlite(dir.resolve("demo.db"))) { // a caller who hung up after 35 s in the queue
            db.inTransaction(c -> c.createStatement().executeUpdate("INSERT INTO calls (call_id, backend, calling_number,"
                    + " language, intent, tier, started_at, queued_at, ended_at, outcome) VALUES ('" + callId
                    + "', 'sim', '+37069990001', 'en', 'technical', 'line1', " + (now - 60_000) + ", " + (now - 55_000)
                    + ", " + (now - 20_000) + ", 'abandoned')"));
        }
        waitFor("the wallboard", () -> robot.lookup("#open-reports").tryQuery().isPresent());
        robot.interact(stage::toFront);
        robot.clickOn(robot.from(stage.getScene().getRoot()).lookup("#open-reports").queryAs(Button.class));
        waitFor("today's report with calls", () -> rows(robot, "#reports-rows") > 0
                && text(robot, "#reports-message").matches(".* calls"));
        assertThat(text(robot, "#reports-message")).doesNotContain(" 0 calls");

        // the abandoned caller, called back from the row's button; the server records it and the row goes
        robot.clickOn("#reports-tab-abandoned");
        waitFor("the abandoned caller listed", () -> robot.lookup("#callback-" + callId).tryQuery().isPresent());
        robot.clickOn("#callback-" + callId);
        waitFor("the callback confirmed", () -> text(robot, "#reports-message")
                .equals("Callback requested for +37069990001: it keeps their place in line."));
        waitFor("the caller off the list", () -> robot.lookup("#callback-" + callId).tryQuery().isEmpty());
        assertThat(audit("callback-abandoned")).anySatisfy(e -> assertThat(e.get("subject").asText()).isEqualTo(callId));

        // this month by line, exported as the server's CSV and PDF
        choose(robot, "#reports-period", "month");
        choose(robot, "#reports-by", "line");
        robot.clickOn("#reports-tab-calls");
        robot.clickOn("#reports-show");
        waitFor("the month's report", () -> text(robot, "#reports-message").matches("\\d{4}-\\d\\d-01 – .*"));
        saveTo = dir.resolve("month.csv");
        robot.clickOn("#reports-csv");
        waitFor("the CSV saved", () -> text(robot, "#reports-message").startsWith("Saved month.csv"));
        List<String> csv = Files.readAllLines(saveTo);
        assertThat(csv.get(0)).startsWith("interval_start,key,calls,offered,answered");
        assertThat(csv).anySatisfy(l -> assertThat(l).contains(",line1,"));
        saveTo = dir.resolve("month.pdf");
        robot.clickOn("#reports-pdf");
        waitFor("the PDF saved", () -> text(robot, "#reports-message").startsWith("Saved month.pdf"));
        byte[] pdf = Files.readAllBytes(saveTo);
        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(pdf.length).isGreaterThan(2000);

        // a period the server refuses: its words, no report change, no file
        choose(robot, "#reports-period", "custom");
        robot.interact(() -> {
            robot.lookup("#reports-from").queryAs(javafx.scene.control.DatePicker.class).setValue(java.time.LocalDate.of(2026, 3, 1));
            robot.lookup("#reports-to").queryAs(javafx.scene.control.DatePicker.class).setValue(java.time.LocalDate.of(2024, 3, 1));
        });
        int before = rows(robot, "#reports-rows");
        saveTo = dir.resolve("bad.csv");
        robot.clickOn("#reports-csv");
        waitFor("the server's refusal", () -> text(robot, "#reports-message").contains("is before from"));
        assertThat(saveTo).doesNotExist();
        assertThat(rows(robot, "#reports-rows")).isEqualTo(before);
    }

    @Test
    void administrationChangesTheStoreAndShowsTheServersErrorsNextToTheField(FxRobot robot) throws Exception {
        waitFor("the wallboard", () -> robot.lookup("#open-admin").tryQuery().isPresent());
        robot.interact(stage::toFront);
        robot.clickOn(robot.from(stage.getScene().getRoot()).lookup("#kpi-waiting").queryAs(Label.class)); // the shortcut is the wallboard's
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT, KeyCode.CONTROL);
        waitFor("the administration window", () -> robot.lookup("#admin-outages").tryQuery().isPresent());
        int outagesBefore = api("/api/admin/outages").size();

        // an unknown area: the server's words under the area field, nothing reported
        type(robot, "#outage-area", "Atlantis");
        type(robot, "#outage-text", "Fibre cut near the depot");
        robot.clickOn("#outage-report");
        waitFor("the area refused", () -> text(robot, "#error-outage-area").startsWith("unknown area 'Atlantis'"));
        assertThat(api("/api/admin/outages")).hasSize(outagesBefore);
        assertThat(value(robot, "#outage-text")).isEqualTo("Fibre cut near the depot"); // kept as typed

        type(robot, "#outage-area", "Vilnius-North");
        type(robot, "#outage-services", "internet");
        robot.clickOn("#outage-report");
        waitFor("the outage reported", () -> api("/api/admin/outages").size() == outagesBefore + 1);
        assertThat(text(robot, "#error-outage-area")).isEmpty();
        JsonNode reported = find(api("/api/admin/outages"), "area", "Vilnius-North");
        assertThat(reported.get("text").asText()).isEqualTo("internet: Fibre cut near the depot");
        waitFor("the outage listed", () -> onFx(() -> robot.lookup("#admin-outages").queryAs(TableView.class).getItems()
                .stream().anyMatch(o -> ((dev.frontline.core.api.AdminViews.Outage) o).id() == reported.get("id").asLong())));
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            TableView<dev.frontline.core.api.AdminViews.Outage> t = robot.lookup("#admin-outages").queryAs(TableView.class);
            t.getSelectionModel().select(t.getItems().stream().filter(o -> o.id() == reported.get("id").asLong())
                    .findFirst().orElseThrow());
        });
        type(robot, "#outage-extend-to", "2020-01-01 10:00");
        robot.clickOn("#outage-extend");
        waitFor("a past end refused", () -> text(robot, "#error-outage-extend").contains("must be in the future"));
        type(robot, "#outage-extend-to", java.time.LocalDateTime.now().plusDays(1).withSecond(0).withNano(0)
                .format(AdminViewModel.WHEN));
        robot.clickOn("#outage-extend");
        waitFor("the end moved", () -> text(robot, "#admin-message").startsWith("Outage in Vilnius-North now expected"));
        assertThat(audit("outage-extend")).isNotEmpty();
        robot.clickOn("#outage-resolve");
        waitFor("the outage resolved", () -> api("/api/admin/outages").size() == outagesBefore);

        // the knowledge base: an empty title refused by the server, then written, edited, retired
        robot.clickOn("#admin-tab-kb");
        robot.clickOn("#kb-new");
        type(robot, "#kb-body", "Unplug the set-top box for 30 s.");
        robot.clickOn("#kb-save");
        waitFor("the title refused", () -> text(robot, "#error-kb-title").equals("is required"));
        assertThat(text(robot, "#kb-heading")).isEqualTo("New article");
        type(robot, "#kb-title", "TV box frozen");
        type(robot, "#kb-tags", "tv box");
        robot.clickOn("#kb-save");
        waitFor("the article written", () -> text(robot, "#kb-heading").startsWith("Article #"));
        long id = Long.parseLong(text(robot, "#kb-heading").substring("Article #".length()));
        assertThat(api("/api/kb/" + id).get("title").asText()).isEqualTo("TV box frozen");
        type(robot, "#kb-title", "TV box frozen or black screen");
        robot.clickOn("#kb-save");
        waitFor("the edit saved", () -> api("/api/kb/" + id).get("title").asText().equals("TV box frozen or black screen"));
        robot.clickOn("#kb-retire");
        waitFor("the article retired", () -> !api("/api/kb/" + id).get("retiredAt").isNull());
        assertThat(audit("kb-retire")).anySatisfy(e -> assertThat(e.get("subject").asText()).isEqualTo(Long.toString(id)));

        // a customer: found, PIN reset by SMS, deactivated
        robot.clickOn("#admin-tab-customers");
        type(robot, "#customer-query", "ab");
        robot.clickOn("#customer-find");
        waitFor("a bad search refused", () -> !text(robot, "#error-customer-q").isEmpty());
        type(robot, "#customer-query", "10000001");
        robot.clickOn("#customer-find");
        waitFor("the customer found", () -> rows(robot, "#admin-customers") >= 1);
        long customer = onFx(() -> {
            TableView<?> t = robot.lookup("#admin-customers").queryAs(TableView.class);
            t.getSelectionModel().select(0);
            return ((dev.frontline.core.api.Views.CustomerCard) t.getItems().get(0)).id();
        });
        assertThat(api("/api/customers/" + customer).get("customer").get("status").asText()).isEqualTo("active");
        robot.clickOn("#customer-pin-reset");
        waitFor("the PIN reset answered", () -> text(robot, "#admin-message").contains("PIN"));
        robot.clickOn("#customer-deactivate");
        waitFor("asked to confirm", () -> text(robot, "#admin-message").startsWith("Deactivate ")
                && text(robot, "#admin-message").endsWith("Press Deactivate again to confirm."));
        assertThat(api("/api/customers/" + customer).get("customer").get("status").asText()).as("not yet").isEqualTo("active");
        robot.clickOn("#customer-deactivate");
        waitFor("the customer closed", () -> "closed".equals(api("/api/customers/" + customer).get("customer")
                .get("status").asText()));
        waitFor("the list read again", () -> onFx(() -> robot.lookup("#admin-customers").queryAs(TableView.class)
                .getItems().stream().anyMatch(c -> ((dev.frontline.core.api.Views.CustomerCard) c).id() == customer
                        && "closed".equals(((dev.frontline.core.api.Views.CustomerCard) c).status()))));
        assertThat(audit("customer-deactivate")).isNotEmpty();

        // the on-duty rota as the server has it
        robot.clickOn("#admin-tab-onduty");
        JsonNode rota = api("/api/admin/on-duty");
        waitFor("the rota shown", () -> !text(robot, "#onduty-now").isEmpty());
        assertThat(text(robot, "#onduty-now")).startsWith(rota.get("onDutyNow").isEmpty() ? "Nobody is on duty now" : "On duty now");
        assertThat(rows(robot, "#admin-onduty")).isEqualTo(rota.get("rows").size());

        // a consultant added to the rota and saved: the server keeps it (audited); who is on duty follows it
        int before = rota.get("rows").size();
        for (String[] f : new String[][] {{"#onduty-name", "Rasa"}, {"#onduty-mobile", "+37061234569"},
                {"#onduty-days", "mon-sun"}, {"#onduty-from", "00:00"}, {"#onduty-to", "24:00"}}) {
            robot.interact(() -> robot.lookup(f[0]).queryAs(TextInputControl.class).setText(f[1]));
        }
        robot.clickOn("#onduty-add");
        robot.clickOn("#onduty-save");
        waitFor("the rota saved", () -> api("/api/admin/on-duty").get("rows").size() == before + 1);
        assertThat(api("/api/admin/on-duty").get("onDutyNow").toString()).contains("Rasa");
        waitFor("who is on duty shown", () -> text(robot, "#onduty-now").contains("Rasa"));
        assertThat(audit("on-duty-edit")).isNotEmpty();

        // a mobile that is not a number: the server's words per row under the table, nothing changed
        robot.interact(() -> robot.lookup("#onduty-mobile").queryAs(TextInputControl.class).setText("12345"));
        robot.clickOn("#onduty-add");
        robot.clickOn("#onduty-save");
        waitFor("the refusal shown", () -> text(robot, "#error-onduty").contains("Row " + (before + 2) + ", Mobile:"));
        assertThat(text(robot, "#error-onduty")).contains("'12345' is not a valid mobile number");
        assertThat(api("/api/admin/on-duty").get("rows").size()).isEqualTo(before + 1);
        assertThat(rows(robot, "#admin-onduty")).as("the rows stay as edited").isEqualTo(before + 2);
    }

    // --- helpers ---

    private static String token() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(demo.url().resolve("api/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"login\":\"" + demo.supervisor().login() + "\",\"password\":\""
                        + demo.supervisor().password() + "\"}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        return ApiJson.mapper().readTree(r.body()).get("token").asText();
    }

    private static String token;

    /** What the server says now (a second client, as a BI tool or curl would ask). */
    private static JsonNode api(String path) throws Exception {
        if (token == null) token = token();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(demo.url().resolve(path.substring(1)))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("%s: %s", path, r.body()).isEqualTo(200);
        return ApiJson.mapper().readTree(r.body());
    }

    private static List<JsonNode> audit(String action) throws Exception {
        List<JsonNode> out = new java.util.ArrayList<>();
        api("/api/audit?action=" + action).forEach(out::add);
        return out;
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) if (value.equals(n.path(field).asText())) return n;
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private static void waitFor(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    private static <T> T onFx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(FxRobot robot, String id) {
        return onFx(() -> {
            Optional<Node> n = robot.lookup(id).tryQuery();
            return n.map(x -> ((Label) x).getText()).orElse("");
        });
    }

    private static String value(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).queryAs(TextInputControl.class).getText());
    }

    private static int rows(FxRobot robot, String id) {
        return onFx(() -> robot.lookup(id).tryQuery().map(n -> ((TableView<?>) n).getItems().size()).orElse(0));
    }

    /** Replaces the field's text as a supervisor would: select all, type (an editable ComboBox: in its editor). */
    private static void type(FxRobot robot, String id, String text) {
        Node n = robot.lookup(id).query();
        TextInputControl field = n instanceof javafx.scene.control.ComboBox<?> c ? c.getEditor() : (TextInputControl) n;
        robot.interact(field::clear);
        robot.clickOn(field).write(text);
        if (n instanceof javafx.scene.control.ComboBox<?> c) robot.interact(c::hide); // the list of areas typed into
    }

    @SuppressWarnings("unchecked")
    private static void choose(FxRobot robot, String id, String code) {
        robot.interact(() -> robot.lookup(id).queryAs(ChoiceBox.class).setValue(code));
    }
}
