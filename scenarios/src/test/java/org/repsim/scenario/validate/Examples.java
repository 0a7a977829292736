package org.repsim.scenario.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The shipped examples, scenarios/examples/*.json (tests run with the module as working directory). */
final class Examples {

    private Examples() {
    }

    static Path dir() {
        return Path.of("examples");
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            List<Path> files = s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            if (files.isEmpty()) {
                throw new IOException("no examples in " + dir().toAbsolutePath());
            }
            return files;
        }
    }
}
