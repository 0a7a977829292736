package org.repsim.model;

/** A place (primary, secondary, bunker…) where boxes stand; links join sites (docs/model.md §1). */
public record Site(String name) {
    public Site {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a site needs a name");
        }
    }
}
