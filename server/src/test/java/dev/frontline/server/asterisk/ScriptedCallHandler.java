package dev.frontline.server.asterisk;

import dev.frontline.core.call.CallHandler;
import dev.frontline.core.call.CallStart;
import dev.frontline.core.call.CallerInput;
import dev.frontline.core.call.Turn;
import dev.frontline.core.common.CallId;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/** A CallHandler whose answers the test writes as functions; records every start and input. */
final class ScriptedCallHandler implements CallHandler {
    final List<CallStart> starts = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<CallerInput> inputs = new LinkedBlockingQueue<>();
    private final Function<CallStart, Turn> onStart;
    private final BiFunction<CallId, CallerInput, Turn> onResume;

    ScriptedCallHandler(Function<CallStart, Turn> onStart, BiFunction<CallId, CallerInput, Turn> onResume) {
        this.onStart = onStart;
        this.onResume = onResume;
    }

    @Override
    public Turn start(CallStart start) {
        starts.add(start);
        return onStart.apply(start);
    }

    @Override
    public Turn resume(CallId callId, CallerInput input) {
        inputs.add(input);
        return onResume.apply(callId, input);
    }

    CallerInput nextInput(Duration timeout) throws InterruptedException {
        CallerInput in = inputs.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (in == null) {
            throw new AssertionError("the handler got no input within " + timeout);
        }
        return in;
    }
}
