package dev.frontline.server.cli;

import dev.frontline.core.store.Database;
import dev.frontline.server.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code frontline kb ...} on a real SQLite file. */
class KbCommandTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path config;

    @BeforeEach
    void store() throws Exception {
        config = dir.resolve("frontline.yaml");
        Files.writeString(config, "store:\n  url: jdbc:sqlite:" + dir.resolve("f.db") + "\n");
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        return cl.execute(all);
    }

    private String one(String sql) {
        try (Database db = Database.sqlite(dir.resolve("f.db"))) {
            return db.inTransaction(c -> {
                try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                    return rs.next() ? rs.getString(1) : null;
                }
            });
        }
    }

    @Test
    void addsEditsListsAndRetiresAnArticle() throws Exception {
        Path body = Files.writeString(dir.resolve("body.txt"), "Перезагрузите роутер.");
        assertThat(run("kb", "add", "--language", "ru", "--title", "Роутер", "--body-file", body.toString())).as(err.toString()).isZero();
        String id = out.toString().replaceAll("(?s)added article (\\d+).*", "$1");
        assertThat(one("SELECT body FROM kb_articles WHERE id = " + id)).isEqualTo("Перезагрузите роутер.");

        assertThat(run("kb", "edit", id, "--title", "Роутер не работает")).isZero();
        assertThat(one("SELECT title || '|' || body FROM kb_articles WHERE id = " + id)).isEqualTo("Роутер не работает|Перезагрузите роутер.");
        assertThat(run("kb", "list", "--language", "ru")).isZero();
        assertThat(out.toString()).contains(id + "  ru  Роутер не работает");

        assertThat(run("kb", "retire", id)).isZero();
        assertThat(one("SELECT retired_at IS NOT NULL FROM kb_articles WHERE id = " + id)).isEqualTo("1");
        assertThat(run("kb", "retire", id)).isEqualTo(1);
        assertThat(one("SELECT group_concat(action) FROM (SELECT action FROM audit_log ORDER BY id)")).isEqualTo("kb-create,kb-edit,kb-retire");
    }

    @Test
    void anArticleWithoutLanguageOrTitleIsRefusedNamingTheOptions() throws Exception {
        Path body = Files.writeString(dir.resolve("body.txt"), "text");
        assertThat(run("kb", "add", "--body-file", body.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("--language is required", "--title is required", "nothing changed");
        assertThat(run("kb", "add", "--language", "en", "--title", "x")).isEqualTo(1);
        assertThat(err.toString()).contains("--body-file is required");
        assertThat(one("SELECT count(*) FROM kb_articles")).isEqualTo("0");
        assertThat(one("SELECT count(*) FROM audit_log")).isEqualTo("0");
    }
}
