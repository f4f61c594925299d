package dev.frontline.server.api;

/** An HTTP error with its stable code (docs/api.md); {@code field} names the wrong field of a validation error. */
public final class ApiException extends RuntimeException {
    public final int status;
    public final String code;
    public final String field;

    public ApiException(int status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message, null);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, "forbidden", message, null);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not-found", message, null);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad-request", message, null);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(400, "validation", field + ": " + message, field);
    }
}
