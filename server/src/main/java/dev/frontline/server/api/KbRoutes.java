package dev.frontline.server.api;

import dev.frontline.core.common.Language;
import dev.frontline.core.store.JdbcKbArticles;
import dev.frontline.core.ticket.KbArticle;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.List;

/**
 * The knowledge base over HTTP: {@code GET /api/kb/{id}} gives any logged-in desk the article's body to read on the
 * call; supervisors list, create, edit and retire articles under {@code /api/admin/kb}. A draft without a language,
 * title or body is refused (400 naming every wrong field) and changes nothing; every change is audited. An edit that
 * sends the {@code version} it read is 409 {@code changed} when someone changed the article since (ADR 0148); an edit
 * without {@code version} is 400 naming it (ADR 0153).
 */
final class KbRoutes {
    private final Auth auth;
    private final JdbcKbArticles articles;

    /** An article as the API shows it ({@code retiredAt} null while in use). */
    /** What the API says of an article (the desktop reads the same record). */
    static dev.frontline.core.api.Views.KbArticleText view(KbArticle a) {
        return new dev.frontline.core.api.Views.KbArticleText(a.id(), a.language().code(), a.title(), a.body(), a.tags(),
                a.retiredAt().orElse(null), a.version(), a.updatedBy(), a.updatedAt());
    }

    private final java.time.ZoneId zone;

    /** @param zone the desk's time zone, for "changed by vida at ..." */
    KbRoutes(Auth auth, JdbcKbArticles articles, java.time.ZoneId zone) {
        this.auth = auth;
        this.articles = articles;
        this.zone = zone;
    }

    void register(Javalin app) {
        app.get("/api/kb/{id}", ctx -> {
            auth.require(ctx);
            long id = QueryRoutes.longParam(ctx, "id");
            ctx.json(view(articles.find(id)
                    .orElseThrow(() -> ApiException.notFound("no knowledge-base article " + id))));
        });
        app.get("/api/admin/kb", this::list);
        app.post("/api/admin/kb", this::create);
        app.put("/api/admin/kb/{id}", this::edit);
        app.post("/api/admin/kb/{id}/retire", this::retire);
    }

    private void list(Context ctx) {
        auth.requireSupervisor(ctx);
        String lang = ctx.queryParam("language");
        Language language = null;
        if (lang != null && !lang.isBlank()) {
            try {
                language = Language.of(lang);
            } catch (IllegalArgumentException e) {
                throw ApiException.invalid("language", e.getMessage());
            }
        }
        ctx.json(articles.list(language, "true".equals(ctx.queryParam("retired")))
                .stream().map(KbRoutes::view).toList());
    }

    private void create(Context ctx) {
        DeskSession s = auth.requireSupervisor(ctx);
        KbArticle.Draft d = checked(ctx);
        ctx.status(201).json(view(articles.create(d, s.login())));
    }

    private void edit(Context ctx) {
        DeskSession s = auth.requireSupervisor(ctx);
        long id = QueryRoutes.longParam(ctx, "id");
        KbArticle.Draft d = checked(ctx);
        Long version = ctx.bodyAsClass(Versioned.class).version(); // the version the editor read the article at
        if (version == null) { // an edit that names no version would win over any edit meanwhile (ADR 0153)
            throw ApiException.invalid("version", "required: the version the article was read at (GET /api/kb/" + id
                    + " answers it), so that an edit made meanwhile is not overwritten");
        }
        try {
            ctx.json(view(articles.edit(id, d, s.login(), version, zone)
                    .orElseThrow(() -> ApiException.notFound("no knowledge-base article " + id))));
        } catch (dev.frontline.core.store.ChangedMeanwhile e) {
            ctx.status(409).json(new dev.frontline.core.api.AdminViews.Changed("changed", e.getMessage(), e.version(),
                    e.changedBy(), e.changedAt()));
        }
    }

    /** The {@code version} field of an edit's body (required: absent, the edit is refused). */
    record Versioned(Long version) {
    }

    private void retire(Context ctx) {
        DeskSession s = auth.requireSupervisor(ctx);
        long id = QueryRoutes.longParam(ctx, "id");
        if (!articles.retire(id, s.login())) {
            throw ApiException.notFound("no knowledge-base article " + id + " in use");
        }
        ctx.status(204);
    }

    private static KbArticle.Draft checked(Context ctx) {
        KbArticle.Draft d = ctx.bodyAsClass(KbArticle.Draft.class);
        if (d == null) {
            throw ApiException.invalid("body", "an article {language, title, body, tags} is required");
        }
        List<KbArticle.Draft.Problem> problems = d.problems();
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems.stream()
                    .map(p -> new dev.frontline.core.api.Views.FieldError(p.field(), p.message())).toList());
        }
        return d;
    }
}
