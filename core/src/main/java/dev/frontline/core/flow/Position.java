package dev.frontline.core.flow;

/** A place in a flow or prompt file; {@code line} and {@code column} are 1-based. */
public record Position(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
