package dev.frontline.core.flow;

import java.util.List;

/** The session after a step and what to do next (media, then one wait or effect). */
public record StepResult(FlowSession session, List<Instruction> instructions) {
    public StepResult {
        instructions = List.copyOf(instructions);
    }

    /** The last instruction: the {@link Instruction.Wait} or {@link Instruction.Effect} that ends the step. */
    public Instruction last() {
        return instructions.get(instructions.size() - 1);
    }
}
