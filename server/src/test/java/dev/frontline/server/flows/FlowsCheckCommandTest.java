package dev.frontline.server.flows;

import dev.frontline.server.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class FlowsCheckCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void theShippedFlowsAndRecordingsPass() {
        int code = run("flows", "check", "../ivr-flows");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        assertThat(out.toString()).contains("support.yaml: ok (recordings in ../sounds current)");
    }

    @Test
    void aBrokenFlowExitsOneWithFileLineColumn(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/en.yaml"), "prompts:\n  hi: \"Hi.\"\n");
        Path flow = dir.resolve("broken.yaml");
        Files.writeString(flow, "flow: b\nlanguages: [en]\nstart: a\nnodes:\n  a: {kind: play, prompt: hi, next: zz}\n");

        int code = run("flows", "check", "--no-recordings", flow.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(flow + ":5:37: missing target 'zz'").contains("1 problem in 1 flow file");
    }

    /** Issue 20 item 10: a call picks its flow by name, so two flows of one name cannot both be meant. */
    @Test
    void twoFlowsWithOneNameFailNamingBothPlaces(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/en.yaml"), "prompts:\n  hi: \"Hi.\"\n");
        String flow = "flow: support\nlanguages: [en]\nstart: a\nnodes:\n  a: {kind: play, prompt: hi, next: b}\n"
                + "  b: {kind: hangup}\n";
        Files.writeString(dir.resolve("a.yaml"), flow);
        Files.writeString(dir.resolve("b.yaml"), "# a copy\n" + flow);

        int code = run("flows", "check", "--no-recordings", dir.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(dir.resolve("b.yaml") + ":2:7: flow 'support' is defined in "
                + dir.resolve("a.yaml") + ":1:7 already");
    }

    @Test
    void aHugeTimeoutInAFlowIsAProblemNotACrash(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/en.yaml"), "prompts:\n  hi: \"Hi.\"\n");
        Path flow = dir.resolve("slow.yaml");
        Files.writeString(flow, "flow: s\nlanguages: [en]\nstart: a\nnodes:\n"
                + "  a: {kind: menu, prompt: hi, timeout: 99999999999999999999s, choices: {'1': b}}\n  b: {kind: hangup}\n");

        int code = run("flows", "check", "--no-recordings", flow.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(flow + ":5:").contains("'timeout' is too long");
    }
}
