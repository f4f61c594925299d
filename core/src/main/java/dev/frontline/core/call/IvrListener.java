package dev.frontline.core.call;

import dev.frontline.core.common.CallId;
import dev.frontline.core.flow.FlowInput;
import dev.frontline.core.flow.Instruction;

/** Observes what the voice menu does, instruction by instruction (the simulator prints it). Must not block. */
public interface IvrListener {
    IvrListener NONE = new IvrListener() {};

    default void instruction(CallId callId, Instruction instruction) {}

    default void input(CallId callId, FlowInput input) {}
}
