package dev.frontline.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.frontline.core.api.ApiJson;
import io.javalin.http.Context;

/**
 * Reads a request's JSON body into {@code type}. A body of {@code null} (or empty) is the sender's mistake: 400,
 * where Javalin's {@code bodyAsClass} threw a NullPointerException (500); unreadable JSON is a 400 too. Stateless.
 */
public final class JsonBody {
    private static final ObjectMapper JSON = ApiJson.mapper();

    private JsonBody() {
    }

    /** @throws ApiException 400 when the body is {@code null}, empty or not JSON of {@code type} */
    public static <T> T read(Context ctx, Class<T> type) {
        String body = ctx.body();
        T value;
        try {
            value = body.isBlank() ? null : JSON.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("unreadable JSON: " + e.getOriginalMessage());
        }
        if (value == null) {
            throw ApiException.badRequest("the body must be a JSON object, not " + (body.isBlank() ? "empty" : "null"));
        }
        return value;
    }
}
