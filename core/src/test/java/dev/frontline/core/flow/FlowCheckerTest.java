package dev.frontline.core.flow;

import dev.frontline.core.common.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

class FlowCheckerTest {
    private static final Path DIR = Path.of("src/test/resources/flows");

    private static List<String> check(String file) {
        return FlowChecker.check(DIR.resolve(file), Optional.empty()).stream().map(FlowProblem::toString).toList();
    }

    private static String f(String file) {
        return DIR.resolve(file).toString();
    }

    @Test
    void acceptsAGoodFlow() {
        assertThat(check("good.yaml")).isEmpty();
    }

    @Test
    void namesAnUnknownNodeKindWhereItIsWritten() {
        assertThat(check("unknown-kind.yaml")).singleElement().asString()
                .startsWith(f("unknown-kind.yaml") + ":6:11: unknown node kind 'plya'");
    }

    @Test
    void namesAMissingTarget() {
        assertThat(check("missing-target.yaml"))
                .containsExactly(f("missing-target.yaml") + ":8:11: missing target 'nowhere' (no such node)");
    }

    @Test
    void reportsUnreachableNodes() {
        assertThat(check("unreachable.yaml"))
                .containsExactly(f("unreachable.yaml") + ":6:3: node 'orphan' is unreachable from start 'hello'");
    }

    @Test
    void reportsLoopsWithoutCallerInput() {
        assertThat(check("loop.yaml")).singleElement().asString()
                .startsWith(f("loop.yaml") + ":5:3: loop without caller input: hello -> again -> hello");
    }

    @Test
    void reportsPromptTextsMissingPerLanguage() {
        assertThat(check("missing-prompt.yaml")).containsExactly(
                f("missing-prompt.yaml") + ":7:21: prompt 'bye' has no text for ru (add it to "
                        + DIR.resolve("prompts/ru.yaml") + ")");
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirPosition() {
        assertThat(check("syntax.yaml")).singleElement().asString().startsWith(f("syntax.yaml") + ":7:");
    }

    @Test
    void rejectsUnknownFieldsSoTyposDoNotPassSilently() {
        assertThat(check("unknown-field.yaml")).singleElement().asString()
                .startsWith(f("unknown-field.yaml") + ":8:5: unknown field 'nxt' in play node 'hello'");
    }

    @Test
    void reportsEveryBadValueAtOnce() {
        assertThat(check("bad-values.yaml")).hasSize(3).anySatisfy(p -> assertThat(p).startsWith(
                f("bad-values.yaml") + ":8:14: 'timeout' must be a positive duration"))
                .anySatisfy(p -> assertThat(p).startsWith(f("bad-values.yaml") + ":11:26: unknown intent 'urgent'"))
                .anySatisfy(p -> assertThat(p).startsWith(f("bad-values.yaml") + ":12:25: unknown condition 'raining'"));
    }

    @Test
    void aLanguageWithoutPromptFileIsReportedAtTheLanguageList(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("prompts"));
        Files.writeString(dir.resolve("prompts/en.yaml"), "prompts:\n  hi: \"Hi.\"\n");
        Path flow = dir.resolve("f.yaml");
        Files.writeString(flow, "flow: f\nlanguages: [en, pl]\nstart: a\nnodes:\n  a: {kind: hangup, prompt: hi}\n");

        assertThat(FlowChecker.check(flow, Optional.empty()).stream().map(FlowProblem::toString))
                .contains(flow + ":2:12: prompt file " + dir.resolve("prompts/pl.yaml") + " for pl is missing");
    }

    @Test
    void loadThrowsWithEveryProblem() {
        FlowException e = assertThrows(FlowException.class, () -> FlowLoader.load(DIR.resolve("unknown-kind.yaml")));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).contains("unknown node kind 'plya'");
    }

    @Test
    void reportsMissingAndStaleRecordings(@TempDir Path sounds) throws Exception {
        Files.createDirectories(sounds.resolve("en/digits"));
        for (int d = 0; d <= 9; d++) Files.write(sounds.resolve("en/digits/" + d + ".wav"), new byte[] {1});
        Files.write(sounds.resolve("en/hello.wav"), new byte[] {1});
        Files.write(sounds.resolve("en/menu.wav"), new byte[] {1});
        Files.writeString(sounds.resolve(Recordings.MANIFEST),
                "en/hello\t" + Recordings.hash("Hello.") + "\nen/menu\t" + Recordings.hash("Press 2.") + "\n"
                        + numbers(sounds, "en"));

        List<String> problems = FlowChecker.check(DIR.resolve("good.yaml"), Optional.of(Recordings.in(sounds)))
                .stream().map(FlowProblem::toString).toList();

        String en = DIR.resolve("prompts/en.yaml").toString();
        assertThat(problems).containsExactlyInAnyOrder(
                en + ":3:3: recording " + sounds.resolve("en/menu.wav") + " is stale: it was made from another text (run sounds/generate.sh)",
                en + ":4:3: recording " + sounds.resolve("en/invalid.wav") + " is missing (run sounds/generate.sh)",
                en + ":5:3: recording " + sounds.resolve("en/bye.wav") + " is missing (run sounds/generate.sh)");
    }

    @Test
    void aMissingOrStaleNumberWordIsReportedByName(@TempDir Path sounds) throws Exception {
        // given every recording of good.yaml, but numbers/42 deleted and numbers/7 made from another text
        Files.createDirectories(sounds.resolve("en/digits"));
        for (int d = 0; d <= 9; d++) Files.write(sounds.resolve("en/digits/" + d + ".wav"), new byte[] {1});
        for (String key : List.of("hello", "menu", "invalid", "bye")) {
            Files.write(sounds.resolve("en/" + key + ".wav"), new byte[] {1});
        }
        String manifest = numbers(sounds, "en")
                .replace("en/numbers/7\t" + Recordings.hash("7"), "en/numbers/7\t" + Recordings.hash("8"));
        Prompts prompts = FlowLoader.load(DIR.resolve("good.yaml")).prompts();
        for (String key : List.of("hello", "menu", "invalid", "bye")) {
            manifest += "en/" + key + "\t" + Recordings.hash(prompts.text(Language.EN, key).orElseThrow().text()) + "\n";
        }
        Files.writeString(sounds.resolve(Recordings.MANIFEST), manifest);
        Files.delete(sounds.resolve("en/numbers/42.wav"));

        // when checked
        List<String> problems = FlowChecker.check(DIR.resolve("good.yaml"), Optional.of(Recordings.in(sounds)))
                .stream().map(FlowProblem::toString).toList();

        // then exactly those two are named
        String at = DIR.resolve("good.yaml") + ":2:12: ";
        assertThat(problems).containsExactlyInAnyOrder(
                at + "recording " + sounds.resolve("en/numbers/7.wav")
                        + " is stale: it was not made from the numeral 7 (run sounds/generate.sh)",
                at + "recording " + sounds.resolve("en/numbers/42.wav")
                        + " is missing (run sounds/generate.sh)");
    }

    @Test
    void noNumberWordsAtAllIsOneProblemNotAHundred(@TempDir Path sounds) throws Exception {
        Files.createDirectories(sounds.resolve("en/digits"));
        for (int d = 0; d <= 9; d++) Files.write(sounds.resolve("en/digits/" + d + ".wav"), new byte[] {1});

        List<String> problems = FlowChecker.check(DIR.resolve("good.yaml"), Optional.of(Recordings.in(sounds)))
                .stream().map(FlowProblem::toString).filter(p -> p.contains("numbers")).toList();

        assertThat(problems).singleElement().asString()
                .endsWith("recordings " + sounds.resolve("en/numbers/0..99.wav")
                        + " and the hundreds 100..900 are missing (run sounds/generate.sh)");
    }

    /** Writes {@code <lang>/numbers/<n>.wav} for every recorded number and returns their manifest lines. */
    private static String numbers(Path sounds, String lang) throws Exception {
        Files.createDirectories(sounds.resolve(lang + "/numbers"));
        StringBuilder manifest = new StringBuilder();
        for (int n : Numbers.recorded()) {
            Files.write(sounds.resolve(lang + "/numbers/" + n + ".wav"), new byte[] {1});
            manifest.append(lang).append("/numbers/").append(n).append('\t')
                    .append(Recordings.hash(Integer.toString(n))).append('\n');
        }
        return manifest.toString();
    }

    @Test
    void theSupportFlowIsValidInAllFiveLanguages() {
        FlowLoader.Result r = FlowLoader.read(Path.of("../ivr-flows/support.yaml"));
        assertThat(r.problems()).isEmpty();
        Flow flow = r.flow().orElseThrow();
        assertThat(flow.languages()).hasSize(5);
        assertThat(FlowChecker.check(flow, Optional.empty())).isEmpty();
    }

    @Test
    void everyLanguageHasTheSamePromptsAndSmsTemplates() {
        Prompts prompts = FlowLoader.load(Path.of("../ivr-flows/support.yaml")).prompts();
        var english = prompts.texts().get(dev.frontline.core.common.Language.EN).keySet();
        var englishSms = prompts.sms().get(dev.frontline.core.common.Language.EN).keySet();
        for (dev.frontline.core.common.Language lang : dev.frontline.core.common.Language.values()) {
            assertThat(prompts.texts().get(lang).keySet()).as(lang.code()).isEqualTo(english);
            assertThat(prompts.sms().get(lang).keySet()).as(lang.code()).isEqualTo(englishSms);
        }
    }

    @Test
    void theSupportFlowsRecordingsArePresentAndCurrent() {
        assertThat(FlowChecker.check(Path.of("../ivr-flows/support.yaml"),
                Optional.of(Recordings.in(Path.of("../sounds"))))).isEmpty();
    }
}
