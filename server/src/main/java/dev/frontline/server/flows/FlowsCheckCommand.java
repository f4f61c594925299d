package dev.frontline.server.flows;

import dev.frontline.core.flow.FlowChecker;
import dev.frontline.core.flow.FlowLoader;
import dev.frontline.core.flow.FlowProblem;
import dev.frontline.core.flow.Recordings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code frontline flows check DIR|FILE...}: every problem as {@code FILE:LINE:COLUMN: message}; exit 1 on any.
 * A directory means its {@code *.yaml} files (not the prompts below it).
 */
@Command(name = "check", mixinStandardHelpOptions = true, description = "Validate flow files: structure, targets, reachability, loops, prompts, recordings.")
final class FlowsCheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "flow files or directories of them")
    List<Path> paths;

    @Option(names = "--sounds", paramLabel = "DIR",
            description = "recorded prompts to check (default: sounds/ beside the flows directory, when present)")
    Path sounds;

    @Option(names = "--no-recordings", description = "skip the missing/stale recording checks")
    boolean noRecordings;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.list(p)) {
                    s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                err.println(p + ":1:1: no such file or directory");
                return 1;
            }
        }
        if (files.isEmpty()) {
            err.println("flows check: no flow files (*.yaml) in " + paths);
            return 1;
        }
        int problems = 0;
        for (Path f : files) {
            Optional<Recordings> rec = noRecordings ? Optional.empty() : recordingsFor(f);
            List<FlowProblem> ps = FlowChecker.check(f, rec);
            ps.forEach(p -> err.println(p));
            problems += ps.size();
            if (ps.isEmpty()) {
                out.println(f + ": ok" + (rec.isPresent() ? " (recordings in " + rec.get().dir() + " current)" : ""));
            }
        }
        List<FlowProblem> duplicates = FlowChecker.duplicateNames(files.stream()
                .flatMap(f -> FlowLoader.read(f).flow().stream()).toList());
        duplicates.forEach(err::println);
        problems += duplicates.size();
        if (problems > 0) {
            err.println(problems + " problem" + (problems == 1 ? "" : "s") + " in " + files.size() + " flow file"
                    + (files.size() == 1 ? "" : "s"));
            return 1;
        }
        return 0;
    }

    private Optional<Recordings> recordingsFor(Path flowFile) {
        if (sounds != null) return Optional.of(Recordings.in(sounds));
        Path dir = flowFile.toAbsolutePath().getParent();
        Path guess = dir == null || dir.getParent() == null ? null : dir.getParent().resolve("sounds");
        return guess != null && Files.isDirectory(guess) ? Optional.of(Recordings.in(relative(guess))) : Optional.empty();
    }

    private static Path relative(Path p) {
        try {
            return Path.of("").toAbsolutePath().relativize(p);
        } catch (IllegalArgumentException e) {
            return p;
        }
    }
}
