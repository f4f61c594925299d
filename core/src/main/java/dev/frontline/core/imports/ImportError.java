package dev.frontline.core.imports;

/** One problem in an import file; prints as {@code FILE:LINE: reason} (line 1 is the header). */
public record ImportError(String file, long line, String reason) implements Comparable<ImportError> {
    @Override
    public String toString() {
        return file + ":" + line + ": " + reason;
    }

    @Override
    public int compareTo(ImportError o) {
        return Long.compare(line, o.line);
    }
}
