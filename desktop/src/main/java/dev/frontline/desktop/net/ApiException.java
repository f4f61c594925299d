package dev.frontline.desktop.net;

/** The server refused a request or could not be reached; the message is fit to show (it names the cause). */
public final class ApiException extends RuntimeException {
    private final int status;
    /** The server's message per wrong field ({@code errors} of a 400 {@code validation}), in its order; may be empty. */
    private final java.util.Map<String, String> fields;

    public ApiException(int status, String message) {
        this(status, message, java.util.Map.of());
    }

    public ApiException(int status, String message, java.util.Map<String, String> fields) {
        super(message);
        this.status = status;
        this.fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.fields = java.util.Map.of();
    }

    /** What the server said of each wrong field ({@code area} -> "unknown area ..."); empty when it named none. */
    public java.util.Map<String, String> fields() {
        return fields;
    }

    /** HTTP status, 0 when the server was not reached. */
    public int status() {
        return status;
    }

    private static Throwable cause(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    /** What a failed future says, fit to show: the server's message, or the failure's. */
    public static String messageOf(Throwable e) {
        Throwable c = cause(e);
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /** The HTTP status of a failed future's refusal; 0 when the server was not reached or for any other failure. */
    public static int statusOf(Throwable e) {
        return cause(e) instanceof ApiException a ? a.status() : 0;
    }

    /** The server's words per wrong field of a failed future ({@link #fields()}); empty for any other failure. */
    public static java.util.Map<String, String> fieldsOf(Throwable e) {
        return cause(e) instanceof ApiException a ? a.fields() : java.util.Map.of();
    }
}
