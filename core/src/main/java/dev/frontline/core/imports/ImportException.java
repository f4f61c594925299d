package dev.frontline.core.imports;

import java.util.List;
import java.util.stream.Collectors;

/** The file has errors; nothing was written. {@link #errors()} lists every one, in line order. */
public class ImportException extends RuntimeException {
    private final List<ImportError> errors;

    public ImportException(List<ImportError> errors) {
        super(errors.stream().sorted().map(ImportError::toString).collect(Collectors.joining("\n")));
        this.errors = errors.stream().sorted().toList();
    }

    public List<ImportError> errors() {
        return errors;
    }
}
