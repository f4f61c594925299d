package dev.frontline.desktop.operator;

import atlantafx.base.theme.PrimerLight;
import dev.frontline.core.acd.OperatorState;
import dev.frontline.core.api.ClientMessage;
import dev.frontline.core.api.ServerMessage;
import dev.frontline.core.api.Views;
import dev.frontline.desktop.i18n.I18n;
import dev.frontline.desktop.testing.FakeDesk;
import dev.frontline.desktop.testing.Samples;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 22 item 7: a knowledge-base suggestion showed its title and some 70 characters, and could not be opened.
 * Double-clicking it now shows the whole article (from {@code GET /api/kb/{id}}) under the suggestions.
 */
@ExtendWith(ApplicationExtension.class)
class KbArticleFxTest {
    static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    static final String BODY = "1. Unplug the router for 30 seconds.\n2. Plug it back in and wait two minutes.\n"
            + "3. If the DSL light stays red, check the cable at the wall socket, then open a ticket for line 2.";
    private final FakeDesk desk = new FakeDesk("kasia", "operator");

    @Start
    void start(Stage stage) {
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        desk.answer = m -> m instanceof ClientMessage.SuggestKb
                ? new ServerMessage.KbSuggestions(m.id(), List.of(new Views.KbArticle(7, "Router has no sync",
                "1. Unplug the router for 30 seconds. 2. Plug it back in and wait two…")))
                : new ServerMessage.Ack(m.id(), null);
        desk.articles = id -> id == 7 ? new Views.KbArticleText(7, "en", "Router has no sync", BODY, "router", null) : null;
        Clock clock = Clock.fixed(NOW, ZoneId.of("UTC"));
        OperatorViewModel vm = new OperatorViewModel(desk, clock);
        OperatorView view = new OperatorView(vm, new I18n(Locale.ENGLISH), clock);
        vm.start();
        desk.push(Samples.welcome("kasia", OperatorState.READY, NOW));
        desk.push(Samples.pop("call-1", NOW, null));
        vm.noteProperty().set("router no sync");
        stage.setScene(new Scene(view, 1280, 720));
        stage.show();
    }

    /** The article's box is shown (the text area's own flag stays true while its box is hidden). */
    private static boolean shown(FxRobot robot) {
        return robot.lookup("#kb-article").queryAs(TextArea.class).getParent().isVisible();
    }

    @Test
    void aSuggestionOpensTheWholeArticleAndCloses(FxRobot robot) {
        assertThat(shown(robot)).isFalse();

        robot.doubleClickOn("Router has no sync");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(desk.articlesRead).containsExactly(7L);
        assertThat(robot.lookup("#kb-article").queryAs(TextArea.class).getText()).isEqualTo(BODY);
        assertThat(shown(robot)).isTrue();
        assertThat(robot.lookup("#kb-article-title").queryAs(Label.class).getText()).isEqualTo("Router has no sync");

        robot.clickOn("#kb-article-close");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(shown(robot)).isFalse();
    }
}
