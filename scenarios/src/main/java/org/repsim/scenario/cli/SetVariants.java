package org.repsim.scenario.cli;

import java.io.PrintStream;
import java.util.List;
import org.repsim.scenario.spec.Problem;
import org.repsim.scenario.spec.ScenarioException;
import org.repsim.scenario.validate.ScenarioSource;

/**
 * What {@code --set PATH=VALUE} does to a sweep over named variants (docs/scenario-format.md,
 * "Sweeps"): the command line wins. Variants that set PATH (or a value under it) no longer set
 * it, so every point runs with the command line's value, and stderr says which variants lost a
 * value; a variant that sets an object holding PATH as a whole would overwrite it, which is an
 * error naming the variants.
 */
final class SetVariants {

    private SetVariants() {
    }

    static ScenarioSource apply(ScenarioSource source, String path, PrintStream err) throws ScenarioException {
        List<String> whole = source.variantsSetting(path, false);
        if (!whole.isEmpty()) {
            throw new ScenarioException(source.sourceName(), List.of(new Problem(path, 0, 0, "cannot set: sweep variant(s) "
                    + String.join(", ", whole) + " set an object holding " + path
                    + " as a whole; set the whole object, or change the variants")));
        }
        List<String> under = source.variantsSetting(path, true);
        if (under.isEmpty()) {
            return source;
        }
        err.println("repsim: --set " + path + " overrides what sweep variant(s) " + String.join(", ", under)
                + " set there: every point uses the command line's value");
        return source.withoutVariantPathsUnder(path);
    }
}
