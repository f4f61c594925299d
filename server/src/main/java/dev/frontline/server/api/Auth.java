package dev.frontline.server.api;

import io.javalin.http.Context;

import java.util.Optional;

/** Finds the desk session of a request: {@code Authorization: Bearer <token>} or {@code ?token=}. */
public final class Auth {
    private final Sessions sessions;

    public Auth(Sessions sessions) {
        this.sessions = sessions;
    }

    static String token(String authorization, String queryToken) {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return queryToken;
    }

    Optional<DeskSession> find(String authorization, String queryToken) {
        return sessions.find(token(authorization, queryToken));
    }

    /** @throws ApiException 401 when there is no live session */
    public DeskSession require(Context ctx) {
        String token = token(ctx.header("Authorization"), ctx.queryParam("token"));
        if (token == null || token.isBlank()) {
            throw ApiException.unauthorized("log in first: send Authorization: Bearer <token>");
        }
        return sessions.find(token).orElseThrow(() -> ApiException.unauthorized("token unknown or expired: log in again"));
    }

    public DeskSession requireSupervisor(Context ctx) {
        DeskSession s = require(ctx);
        if (!s.supervisor()) {
            throw ApiException.forbidden("supervisors only");
        }
        return s;
    }
}
