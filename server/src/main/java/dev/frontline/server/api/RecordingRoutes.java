package dev.frontline.server.api;

import dev.frontline.core.api.Views;
import dev.frontline.core.common.CallId;
import dev.frontline.core.store.AuditLog;
import dev.frontline.core.store.JdbcRecordings;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Recordings for desktops: {@code GET /api/calls/{callId}/recordings} lists a call's recordings and
 * {@code GET /api/recordings/{id}/audio} streams one (audio/wav). Supervisors may play any; an operator only those of
 * customers it handles or searched for, or of calls offered to it. Every play is in {@code audit_log}
 * ({@code play-recording}) before a byte is sent: a play the store cannot record is refused.
 */
final class RecordingRoutes {
    private final Auth auth;
    private final JdbcRecordings recordings;
    private final Visibility visibility;
    private final AuditLog audit;

    RecordingRoutes(Auth auth, JdbcRecordings recordings, Visibility visibility, AuditLog audit) {
        this.auth = auth;
        this.recordings = recordings;
        this.visibility = visibility;
        this.audit = audit;
    }

    void register(Javalin app) {
        app.get("/api/calls/{callId}/recordings", this::list);
        app.get("/api/recordings/{id}/audio", this::audio);
    }

    private void list(Context ctx) {
        DeskSession s = auth.require(ctx);
        CallId call = new CallId(ctx.pathParam("callId"));
        List<JdbcRecordings.Recording> found = recordings.forCall(call);
        for (JdbcRecordings.Recording r : found) {
            allowed(s, r);
        }
        if (found.isEmpty() && !s.supervisor() && !visibility.call(s.login(), call.value())) {
            throw ApiException.forbidden("call " + call.value() + " is not one you handled");
        }
        ctx.json(found.stream().map(RecordingRoutes::view).toList());
    }

    private void audio(Context ctx) throws IOException {
        DeskSession s = auth.require(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiException.invalid("id", "must be a recording number, not '" + ctx.pathParam("id") + "'");
        }
        JdbcRecordings.Recording r = recordings.find(id).orElseThrow(() -> ApiException.notFound("no recording " + id));
        allowed(s, r);
        Path file = Path.of(r.path());
        if (!Files.isReadable(file)) {
            throw ApiException.notFound("recording " + id + " has no readable file (still running on the PBX, or "
                    + "deleted)");
        }
        audit.record(s.login(), "play-recording", r.callId().value(), "recording " + id
                + r.ticketId().map(t -> ", ticket " + t).orElse(""));
        ctx.contentType("audio/wav");
        ctx.header("Content-Length", Long.toString(Files.size(file)));
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(ctx.outputStream());
        }
    }

    private void allowed(DeskSession s, JdbcRecordings.Recording r) {
        if (s.supervisor() || s.login().equals(r.operator().value())
                || visibility.call(s.login(), r.callId().value())
                || r.customerId().map(c -> visibility.customer(s.login(), c)).orElse(false)) {
            return;
        }
        throw ApiException.forbidden("recording " + r.id() + " is of a customer you do not handle");
    }

    static Views.Recording view(JdbcRecordings.Recording r) {
        return new Views.Recording(r.id(), r.callId().value(), r.ticketId().orElse(null), r.operator().value(),
                r.backend(), r.startedAt(), r.endedAt().orElse(null), r.sizeBytes().orElse(null),
                "sim".equals(r.backend()), "/api/recordings/" + r.id() + "/audio");
    }
}
