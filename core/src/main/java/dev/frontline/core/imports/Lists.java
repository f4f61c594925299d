package dev.frontline.core.imports;

import java.util.Arrays;
import java.util.List;

/** Multi-valued CSV fields: values separated by '|', ',' or ';' (quote the field when it holds the file's delimiter). */
final class Lists {
    private Lists() {
    }

    static List<String> split(String field) {
        if (field == null || field.isBlank()) {
            return List.of();
        }
        return Arrays.stream(field.split("[|,;]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
