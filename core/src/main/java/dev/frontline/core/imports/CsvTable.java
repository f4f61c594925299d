package dev.frontline.core.imports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A CSV file with a header row: UTF-8 with or without a byte-order mark, fields optionally in double quotes (which may
 * span lines), comma or semicolon separated (whichever occurs more often outside quotes in the header line). Header
 * names are matched case-insensitively; spaces and dashes count as underscores. Each row carries the physical line
 * its record starts on.
 */
public final class CsvTable {
    private final String file;
    private final List<String> columns;
    private final List<Row> rows;

    private CsvTable(String file, List<String> columns, List<Row> rows) {
        this.file = file;
        this.columns = columns;
        this.rows = rows;
    }

    /** One record: the line it starts on and its values by column (missing trailing fields are empty). */
    public record Row(long line, Map<String, String> values) {
        public String get(String column) {
            String v = values.get(column);
            return v == null ? "" : v.trim();
        }
    }

    /**
     * Reads {@code path}, checking its columns against {@code known} (all of {@code required} must be there).
     *
     * @throws ImportException listing every problem with the file's form (encoding, quoting, header)
     */
    public static CsvTable read(Path path, Set<String> known, Set<String> required) {
        String name = path.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ImportException(List.of(new ImportError(name, 0, "no such file")));
        } catch (IOException e) {
            throw new ImportException(List.of(new ImportError(name, 0, "cannot read the file: " + e.getMessage())));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ImportException(List.of(new ImportError(name, 0, "is not UTF-8 text (save it as CSV UTF-8)")));
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return parse(name, text, known, required);
    }

    static CsvTable parse(String name, String text, Set<String> known, Set<String> required) {
        if (text.isBlank()) {
            throw new ImportException(List.of(new ImportError(name, 1, "the file is empty (a header row is needed)")));
        }
        long[] lineStarts = lineStarts(text);
        char delimiter = delimiter(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).build();
        List<String> columns = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<ImportError> errors = new ArrayList<>();
        long headerLine = 1;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                long line = lineOf(lineStarts, skipLineBreaks(text, record.getCharacterPosition()));
                if (header) {
                    header = false;
                    headerLine = line;
                    for (String h : record) {
                        columns.add(normalise(h));
                    }
                    checkHeader(name, line, columns, known, required, errors);
                    continue;
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue;
                }
                if (record.size() > columns.size()) {
                    errors.add(new ImportError(name, line, record.size() + " fields but the header has " + columns.size()
                            + " columns (is a field with a '" + delimiter + "' missing its quotes?)"));
                    continue;
                }
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), i < record.size() ? record.get(i) : "");
                }
                rows.add(new Row(line, values));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // commons-csv reports a broken quote with the line it gave up on
            errors.add(new ImportError(name, lineOfMessage(e, headerLine), "cannot read CSV: " + e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new ImportException(errors);
        }
        return new CsvTable(name, List.copyOf(columns), List.copyOf(rows));
    }

    public String file() {
        return file;
    }

    public List<String> columns() {
        return columns;
    }

    public List<Row> rows() {
        return rows;
    }

    private static void checkHeader(String name, long line, List<String> columns, Set<String> known,
                                    Set<String> required, List<ImportError> errors) {
        List<String> seen = new ArrayList<>();
        for (String c : columns) {
            if (!known.contains(c)) {
                errors.add(new ImportError(name, line, "unknown column '" + c + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")"));
            } else if (seen.contains(c)) {
                errors.add(new ImportError(name, line, "column '" + c + "' appears twice"));
            }
            seen.add(c);
        }
        for (String r : required.stream().sorted().toList()) {
            if (!columns.contains(r)) {
                errors.add(new ImportError(name, line, "missing required column '" + r + "'"));
            }
        }
    }

    static String normalise(String header) {
        return header.trim().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    }

    /** ';' when the header line has more semicolons than commas outside quotes, else ','. */
    static char delimiter(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                if (commas + semicolons > 0) {
                    break;
                }
            } else if (!quoted && ch == ',') {
                commas++;
            } else if (!quoted && ch == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    /** A record's position can point at the empty lines the parser skipped before it. */
    private static long skipLineBreaks(String text, long position) {
        int p = (int) position;
        while (p < text.length() && (text.charAt(p) == '\n' || text.charAt(p) == '\r')) {
            p++;
        }
        return p;
    }

    private static long[] lineStarts(String text) {
        List<Long> starts = new ArrayList<>();
        starts.add(0L);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\n' || (ch == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add((long) i + 1);
            }
        }
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    /** 1-based line of a character offset. */
    private static long lineOf(long[] starts, long position) {
        int i = Arrays.binarySearch(starts, position);
        return (i >= 0 ? i : -i - 2) + 1;
    }

    private static long lineOfMessage(Exception e, long fallback) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("line (\\d+)").matcher(String.valueOf(e.getMessage()));
        return m.find() ? Long.parseLong(m.group(1)) : fallback;
    }
}
