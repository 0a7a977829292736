package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path tmp;

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("summary.json");
        Files.writeString(tmp.resolve(".summary.json.tmp"), "left by a crash");
        AtomicFiles.write(target, "first");
        AtomicFiles.write(target, "second");
        assertThat(target).hasContent("second");
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("summary.json");
        }
    }
}
