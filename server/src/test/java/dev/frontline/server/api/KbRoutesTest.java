package dev.frontline.server.api;

import dev.frontline.core.store.AuditLog;
import dev.frontline.core.store.JdbcKnowledgeBase;
import dev.frontline.core.testing.MutableClock;
import dev.frontline.server.testing.ApiFixture;
import dev.frontline.server.testing.DeskClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Supervisors create, edit and retire knowledge-base articles over HTTP; operators read the body by id. */
class KbRoutesTest {
    static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    @TempDir Path dir;
    ApiFixture f;
    DeskClient http;

    @BeforeEach
    void start() {
        f = new ApiFixture(dir, new MutableClock(NOW), Duration.ofHours(1));
        http = f.client;
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private long articles() {
        return f.db.inTransaction(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM kb_articles")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void aSupervisorCreatesEditsAndRetiresAnArticleAndOperatorsReadItsBody() {
        String sue = http.login("sue", "secret");
        String anna = http.login("anna", "secret");
        String body = "Unplug the router for 30 seconds.\nIf the DSL light stays red, open a line-2 ticket.";

        DeskClient.Reply created = http.post("/api/admin/kb", sue,
                "{\"language\":\"lt\",\"title\":\"Router restart\",\"body\":" + DeskClient.JSON.valueToTree(body) + ",\"tags\":\"router dsl\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        DeskClient.Reply read = http.get("/api/kb/" + id, anna);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("body").asText()).isEqualTo(body);
        assertThat(read.json().get("language").asText()).isEqualTo("lt");
        assertThat(new JdbcKnowledgeBase(f.db).suggest("router", 5)).extracting(s -> s.id()).contains(id);

        DeskClient.Reply edited = http.put("/api/admin/kb/" + id, sue,
                "{\"version\":0,\"language\":\"lt\",\"title\":\"Router restart (new firmware)\",\"body\":\"Hold reset 10 s.\"}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(http.get("/api/kb/" + id, anna).json().get("body").asText()).isEqualTo("Hold reset 10 s.");

        assertThat(http.post("/api/admin/kb/" + id + "/retire", sue, "").status()).isEqualTo(204);
        assertThat(new JdbcKnowledgeBase(f.db).suggest("router", 5)).extracting(s -> s.id()).doesNotContain(id);
        assertThat(http.get("/api/kb/" + id, anna).json().get("retiredAt").isNull()).isFalse();
        assertThat(http.post("/api/admin/kb/" + id + "/retire", sue, "").status()).isEqualTo(404);
        assertThat(http.get("/api/admin/kb?language=lt", sue).json()).isEmpty();
        assertThat(new AuditLog(f.db, f.clock).search(new AuditLog.Search("sue", null, Long.toString(id), null, null), 10))
                .extracting(AuditLog.Entry::action).containsExactly("kb-retire", "kb-edit", "kb-create");
    }

    @Test
    void anArticleWithoutLanguageOrTitleIsRefusedNamingTheFieldsAndNothingChanges() {
        String sue = http.login("sue", "secret");
        long before = articles();

        DeskClient.Reply r = http.post("/api/admin/kb", sue, "{\"body\":\"text\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("errors").findValuesAsText("field")).containsExactly("language", "title");
        DeskClient.Reply bad = http.post("/api/admin/kb", sue, "{\"language\":\"de\",\"title\":\"x\",\"body\":\"y\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("language", "'de' is not one of");
        assertThat(articles()).isEqualTo(before);
        assertThat(new AuditLog(f.db, f.clock).recent(10)).extracting(AuditLog.Entry::action).doesNotContain("kb-create");
    }

    @Test
    void operatorsMayReadButNotChangeArticles() {
        String anna = http.login("anna", "secret");
        assertThat(http.post("/api/admin/kb", anna, "{\"language\":\"en\",\"title\":\"x\",\"body\":\"y\"}").status()).isEqualTo(403);
        assertThat(http.get("/api/admin/kb", anna).status()).isEqualTo(403);
        assertThat(http.get("/api/kb/999999", anna).status()).isEqualTo(404);
        assertThat(http.get("/api/kb/1", null).status()).isEqualTo(401);
    }

    /**
     * Issue 24: two supervisors open the same article; the second edit sent with the version it read is 409 naming who
     * changed it and when, and the first one's text stays (before: the second silently overwrote it).
     */
    @Test
    void theSecondOfTwoEditsOfTheSameVersionIsConflictAndTheFirstStays() {
        String sue = http.login("sue", "secret");
        long id = http.post("/api/admin/kb", sue, "{\"language\":\"en\",\"title\":\"Router\",\"body\":\"Restart it.\"}")
                .json().get("id").asLong();
        long read = http.get("/api/kb/" + id, sue).json().get("version").asLong(); // both supervisors read it now

        DeskClient.Reply first = http.put("/api/admin/kb/" + id, sue, "{\"version\":" + read
                + ",\"language\":\"en\",\"title\":\"Router\",\"body\":\"Hold reset 10 s.\"}");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("version").asLong()).isEqualTo(read + 1);
        assertThat(first.json().get("updatedBy").asText()).isEqualTo("sue");

        DeskClient.Reply second = http.put("/api/admin/kb/" + id, sue, "{\"version\":" + read
                + ",\"language\":\"en\",\"title\":\"Router\",\"body\":\"Call line 2.\"}");
        assertThat(second.status()).as(second.body()).isEqualTo(409);
        assertThat(second.json().get("code").asText()).isEqualTo("changed");
        assertThat(second.json().get("message").asText()).contains("article " + id + " was changed by sue at", "reload");
        assertThat(http.get("/api/kb/" + id, sue).json().get("body").asText()).isEqualTo("Hold reset 10 s.");
        assertThat(new AuditLog(f.db, f.clock).recent(10)).extracting(AuditLog.Entry::action).containsOnlyOnce("kb-edit");

        assertThat(http.put("/api/admin/kb/" + id, sue, "{\"version\":" + (read + 1)
                + ",\"language\":\"en\",\"title\":\"Router\",\"body\":\"Call line 2.\"}").status()).isEqualTo(200);
        assertThat(http.put("/api/admin/kb/999999", sue, "{\"version\":0,\"language\":\"en\",\"title\":\"x\",\"body\":\"y\"}")
                .status()).isEqualTo(404);
    }

    /**
     * Issue 24 / ADR 0148: an edit without the version it was read at is 400 naming the key {@code version}, and the text
     * saved meanwhile stays (before: 200, the blind edit won).
     */
    @Test
    void anEditWithoutTheVersionItWasReadAtIsRefusedNamingVersionAndTheSavedTextStays() {
        String sue = http.login("sue", "secret");
        long id = http.post("/api/admin/kb", sue, "{\"language\":\"en\",\"title\":\"Router\",\"body\":\"Restart it.\"}")
                .json().get("id").asLong();

        DeskClient.Reply blind = http.put("/api/admin/kb/" + id, sue,
                "{\"language\":\"en\",\"title\":\"Router\",\"body\":\"Call line 2.\"}");

        assertThat(blind.status()).as(blind.body()).isEqualTo(400);
        assertThat(blind.json().get("errors").findValuesAsText("field")).containsExactly("version");
        assertThat(blind.body()).contains("the version the article was read at");
        assertThat(http.get("/api/kb/" + id, sue).json().get("body").asText()).isEqualTo("Restart it.");
        assertThat(http.get("/api/kb/" + id, sue).json().get("version").asLong()).isZero();
        assertThat(new AuditLog(f.db, f.clock).recent(10)).extracting(AuditLog.Entry::action).doesNotContain("kb-edit");
    }
}
