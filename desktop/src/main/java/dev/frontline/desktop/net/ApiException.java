package dev.frontline.desktop.net;

/** The server refused a request or could not be reached; the message is fit to show (it names the cause). */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ApiException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** HTTP status, 0 when the server was not reached. */
    public int status() {
        return status;
    }
}
