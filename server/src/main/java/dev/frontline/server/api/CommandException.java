package dev.frontline.server.api;

/** A desktop command refused with an error code from docs/api.md; the connection stays up. */
final class CommandException extends RuntimeException {
    final String code;

    CommandException(String code, String message) {
        super(message);
        this.code = code;
    }

    static CommandException missing(String field) {
        return new CommandException("missing-field", field + " is required");
    }
}
