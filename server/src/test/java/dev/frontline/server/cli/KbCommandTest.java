package dev.frontline.server.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code frontline kb ...} on a real SQLite file. */
class KbCommandTest {
    @TempDir Path dir;
    private CliRun cli;
    private Path config;

    @BeforeEach
    void store() throws Exception {
        config = dir.resolve("frontline.yaml");
        Files.writeString(config, "store:\n  url: jdbc:sqlite:" + dir.resolve("f.db") + "\n");
        cli = new CliRun(config, dir.resolve("f.db"));
    }

    @Test
    void addsEditsListsAndRetiresAnArticle() throws Exception {
        Path body = Files.writeString(dir.resolve("body.txt"), "Перезагрузите роутер.");
        assertThat(cli.run("kb", "add", "--language", "ru", "--title", "Роутер", "--body-file", body.toString())).as(cli.err()).isZero();
        String id = cli.out().replaceAll("(?s)added article (\\d+).*", "$1");
        assertThat(cli.one("SELECT body FROM kb_articles WHERE id = " + id)).isEqualTo("Перезагрузите роутер.");

        assertThat(cli.run("kb", "edit", id, "--title", "Роутер не работает")).isZero();
        assertThat(cli.one("SELECT title || '|' || body FROM kb_articles WHERE id = " + id)).isEqualTo("Роутер не работает|Перезагрузите роутер.");
        assertThat(cli.run("kb", "list", "--language", "ru")).isZero();
        assertThat(cli.out()).contains(id + "  ru  Роутер не работает");

        assertThat(cli.run("kb", "retire", id)).isZero();
        assertThat(cli.one("SELECT retired_at IS NOT NULL FROM kb_articles WHERE id = " + id)).isEqualTo("1");
        assertThat(cli.run("kb", "retire", id)).isEqualTo(1);
        assertThat(cli.one("SELECT group_concat(action) FROM (SELECT action FROM audit_log ORDER BY id)")).isEqualTo("kb-create,kb-edit,kb-retire");
    }

    @Test
    void anArticleWithoutLanguageOrTitleIsRefusedNamingTheOptions() throws Exception {
        Path body = Files.writeString(dir.resolve("body.txt"), "text");
        assertThat(cli.run("kb", "add", "--body-file", body.toString())).isEqualTo(1);
        assertThat(cli.err()).contains("--language is required", "--title is required", "nothing changed");
        assertThat(cli.run("kb", "add", "--language", "en", "--title", "x")).isEqualTo(1);
        assertThat(cli.err()).contains("--body-file is required");
        assertThat(cli.one("SELECT count(*) FROM kb_articles")).isEqualTo("0");
        assertThat(cli.one("SELECT count(*) FROM audit_log")).isEqualTo("0");
    }

    @Test
    void anEditAtAVersionSomeoneElseChangedExitsThreeAndChangesNothing() throws Exception {
        Path body = Files.writeString(dir.resolve("body.txt"), "Restart it.");
        assertThat(cli.run("kb", "add", "--language", "en", "--title", "Router", "--body-file", body.toString())).isZero();
        String id = cli.out().replaceAll("(?s)added article (\\d+).*", "$1");
        assertThat(cli.run("kb", "list", "--versions")).isZero();
        assertThat(cli.out()).contains(id + "  en  Router  [version 0, cli:");
        assertThat(cli.run("kb", "edit", id, "--title", "Router (new)")).isZero(); // someone else: version 1

        assertThat(cli.run("kb", "edit", id, "--title", "Modem", "--if-version", "0")).isEqualTo(3);
        assertThat(cli.err()).contains("article " + id + " was changed by cli:", "(now version 1)", "nothing changed");
        assertThat(cli.one("SELECT title || '|' || version FROM kb_articles WHERE id = " + id)).isEqualTo("Router (new)|1");
        assertThat(cli.run("kb", "edit", id, "--title", "Modem", "--if-version", "1")).isZero();
        assertThat(cli.one("SELECT title FROM kb_articles WHERE id = " + id)).isEqualTo("Modem");
    }
}
