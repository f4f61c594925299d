package dev.frontline.core.flow;

import java.util.List;
import java.util.stream.Collectors;

/** A flow could not be loaded; {@link #problems()} says where and why. */
public final class FlowException extends RuntimeException {
    private final List<FlowProblem> problems;

    public FlowException(List<FlowProblem> problems) {
        super(problems.stream().map(FlowProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<FlowProblem> problems() {
        return problems;
    }
}
