package org.repsim.model.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Device ids of a trace, numbered densely in order of first appearance (deterministic). */
final class DeviceTable {
    private final Map<String, Integer> indexes = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    int indexOf(String device) {
        Integer index = indexes.get(device);
        if (index == null) {
            index = names.size();
            indexes.put(device, index);
            names.add(device);
        }
        return index;
    }

    String name(int index) {
        return names.get(index);
    }

    List<String> names() {
        return Collections.unmodifiableList(names);
    }
}
