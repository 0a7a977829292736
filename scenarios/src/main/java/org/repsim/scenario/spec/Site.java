package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** A place; links join sites (docs/model.md §1). */
public record Site(@Doc("Unique site id.") String id) {
}
