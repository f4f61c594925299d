package dev.frontline.core.flow;

import dev.frontline.core.common.Language;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded flow: its nodes in file order, the start node, the languages it speaks and their prompt texts.
 *
 * @param file  the flow file as given (used in error positions)
 * @param start id of the first node
 */
public record Flow(String name, String file, Position namePos, Target start, List<Language> languages,
                   Position languagesPos, Language defaultLanguage, Map<String, FlowNode> nodes, Prompts prompts) {
    public Flow {
        languages = List.copyOf(languages);
        nodes = new LinkedHashMap<>(nodes);
    }

    /** @throws IllegalStateException for an unknown id (a checked flow has none) */
    public FlowNode node(String id) {
        FlowNode n = nodes.get(id);
        if (n == null) throw new IllegalStateException("flow " + name + " has no node '" + id + "'");
        return n;
    }
}
