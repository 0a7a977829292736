package org.repsim.scenario.cli;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The options of a JVM that set how fast a run goes and nothing else: the garbage collector, the
 * size of its young generation and the use of large pages (docs/performance.md, "JVM options for
 * long runs"; {@code scripts/repsim} starts repsim with the ones measured fastest). Results are the
 * same with any of them. {@code repsim slurm} gives its nodes the ones this JVM was started with,
 * so a cluster job runs as the command that wrote it; heap limits are not among them (a node's
 * memory is its own).
 */
final class JvmSpeedOptions {
    private static final Pattern SPEED = Pattern.compile(
            "-XX:\\+Use\\w*GC|-XX:[+-]UseTransparentHugePages|-XX:[+-]UseLargePages|-Xmn\\d+[kKmMgG]?"
                    + "|-XX:(NewSize|MaxNewSize)=\\d+[kKmMgG]?|-XX:[+-]AlwaysPreTouch");

    private JvmSpeedOptions() {
    }

    /** Those of {@code jvmArguments} that only set speed, in their order. */
    static List<String> of(List<String> jvmArguments) {
        List<String> out = new ArrayList<>();
        for (String a : jvmArguments) {
            if (SPEED.matcher(a).matches()) {
                out.add(a);
            }
        }
        return out;
    }

    /** The speed options this JVM was started with. */
    static List<String> ofThisJvm() {
        return of(ManagementFactory.getRuntimeMXBean().getInputArguments());
    }
}
