package dev.frontline.core.imports;

/**
 * One problem in an import file; prints as {@code FILE:LINE: reason} (line 1 is the header), or
 * {@code FILE:LINE:COLUMN: reason} when the problem is in one field ({@code column} counts from 1; 0 = the whole row).
 */
public record ImportError(String file, long line, int column, String reason) implements Comparable<ImportError> {

    public ImportError(String file, long line, String reason) {
        this(file, line, 0, reason);
    }

    @Override
    public String toString() {
        return file + ":" + line + (column > 0 ? ":" + column : "") + ": " + reason;
    }

    @Override
    public int compareTo(ImportError o) {
        int byLine = Long.compare(line, o.line);
        return byLine != 0 ? byLine : Integer.compare(column, o.column);
    }
}
