package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Back-end keys on the command line: a bad disk group or RAID level exits 2 with its path, nothing run. */
class BackendKeysCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path tmp;

    private int execute(String... args) {
        return Repsim.standard(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anUnknownDiskGroupOfAVolumeExitsTwoWithItsPath() {
        int code = execute("run", "examples/sync-baseline.json", "-o", tmp.resolve("out").toString(), "--quiet",
                "--set", "boxes[r1].volumes[db].backend=flash");
        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("boxes[0].volumes[0].backend").contains("unknown disk group 'flash'")
                .doesNotContain("\tat ");
        assertThat(tmp.resolve("out")).doesNotExist();
    }

    @Test
    void aPenaltyThatNamesNoRaidLevelExitsTwoWithItsPath() {
        int code = execute("run", "examples/sync-baseline.json", "-o", tmp.resolve("out").toString(), "--quiet",
                "--set", "boxes[r1].backend[ssd].raidWritePenalty=3");
        assertThat(code).isEqualTo(ExitCodes.INVALID);
        assertThat(err()).contains("boxes[0].backend[0].raidWritePenalty").contains("names no RAID level")
                .doesNotContain("\tat ");
        assertThat(tmp.resolve("out")).doesNotExist();
    }
}
