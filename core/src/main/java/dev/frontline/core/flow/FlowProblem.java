package dev.frontline.core.flow;

/** One error found in a flow, its prompts or its recordings, printed as {@code FILE:LINE:COLUMN: message}. */
public record FlowProblem(Position position, String message) implements Comparable<FlowProblem> {
    @Override
    public String toString() {
        return position + ": " + message;
    }

    @Override
    public int compareTo(FlowProblem o) {
        int c = position.file().compareTo(o.position.file());
        if (c == 0) c = Integer.compare(position.line(), o.position.line());
        if (c == 0) c = Integer.compare(position.column(), o.position.column());
        return c == 0 ? message.compareTo(o.message) : c;
    }
}
