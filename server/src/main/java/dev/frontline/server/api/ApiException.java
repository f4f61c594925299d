package dev.frontline.server.api;

import dev.frontline.core.api.Views;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An HTTP error with its stable code (docs/api.md); {@code field} names the (first) wrong field of a validation
 * error, {@code errors} every wrong field of it (empty for other errors).
 */
public final class ApiException extends RuntimeException {
    public final int status;
    public final String code;
    public final String field;
    public final List<Views.FieldError> errors;

    public ApiException(int status, String code, String message, String field) {
        this(status, code, message, field, List.of());
    }

    private ApiException(int status, String code, String message, String field, List<Views.FieldError> errors) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.errors = List.copyOf(errors);
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
        return invalid(List.of(new Views.FieldError(field, message)));
    }

    /** 400 {@code validation} naming every wrong field; the message joins them ("name: is required; phone: ..."). */
    public static ApiException invalid(List<Views.FieldError> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation error needs at least one wrong field");
        }
        String message = problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
        return new ApiException(400, "validation", message, problems.get(0).field(), problems);
    }

    /** The JSON body for this error. */
    Views.HttpError body() {
        return new Views.HttpError(code, getMessage(), field, errors);
    }
}
