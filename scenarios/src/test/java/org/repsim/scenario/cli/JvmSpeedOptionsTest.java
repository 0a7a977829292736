package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The JVM options that set only speed: which of a JVM's arguments they are, that {@code repsim
 * slurm}'s nodes get them, and that {@code scripts/repsim} starts repsim with options of that kind
 * which this JDK accepts.
 */
class JvmSpeedOptionsTest {
    private static final Path SCRIPT = ReadmeImageTest.root().resolve("scripts/repsim");

    @Test
    void keepsCollectorYoungGenerationAndPagesAndDropsEverythingElse() {
        List<String> args = List.of("-Xmx4g", "-XX:+UseParallelGC", "-Dfoo=bar", "-Xmn32m", "-Xms1g",
                "-XX:MaxRAMPercentage=75", "-XX:+UseTransparentHugePages", "-agentlib:jdwp=transport=dt_socket",
                "-XX:StartFlightRecording=filename=x.jfr", "-XX:NewSize=16m", "-XX:MaxNewSize=64M",
                "-XX:+HeapDumpOnOutOfMemoryError", "-XX:+UseG1GC", "-XX:-UseLargePages", "-XX:+AlwaysPreTouch",
                "-Xmn", "-XX:+UseParallelGCx");
        assertThat(JvmSpeedOptions.of(args)).containsExactly("-XX:+UseParallelGC", "-Xmn32m",
                "-XX:+UseTransparentHugePages", "-XX:NewSize=16m", "-XX:MaxNewSize=64M", "-XX:+UseG1GC",
                "-XX:-UseLargePages", "-XX:+AlwaysPreTouch");
    }

    @Test
    void slurmNodesStartWithTheSpeedOptionsRightAfterJava() {
        List<String> cmd = SlurmCommand.repsimCommand("/opt/java/bin/java", true,
                List.of("-XX:+UseParallelGC", "-Xmn32m"));
        assertThat(cmd.subList(0, 4)).containsExactly("/opt/java/bin/java", "-XX:+UseParallelGC", "-Xmn32m",
                "-XX:MaxRAMPercentage=75");
        assertThat(SlurmCommand.repsimCommand("java", false, List.of()).get(1)).isIn("-jar", "-cp");
    }

    @Test
    void theLauncherScriptsDefaultsAreSpeedOptionsThisJdkAccepts() throws Exception {
        List<String> defaults = scriptDefaults();
        assertThat(defaults).isNotEmpty();
        assertThat(JvmSpeedOptions.of(defaults)).as("every default of scripts/repsim sets speed only")
                .isEqualTo(defaults);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(defaults);
        cmd.add("-version");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void theLauncherScriptSaysHowToBuildAMissingJar() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString(), "--version").redirectErrorStream(true);
        pb.environment().put("REPSIM_JAR", "/nonexistent/repsim.jar");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("no jar at /nonexistent/repsim.jar", "mvn -B -q package -DskipTests");
    }

    /** The options on the script's {@code options=${REPSIM_JAVA_OPTS-…}} line. */
    private static List<String> scriptDefaults() throws IOException {
        Matcher m = Pattern.compile("(?m)^options=\\$\\{REPSIM_JAVA_OPTS-(.*)}$")
                .matcher(Files.readString(SCRIPT));
        assertThat(m.find()).as("the options line of " + SCRIPT).isTrue();
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }
}
