package org.repsim.scenario.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The repsim version: the jar manifest's Implementation-Version, else the Maven pom.properties packed in the jar. */
public final class ToolVersion {

    private static final String POM_PROPERTIES = "/META-INF/maven/org.repsim/scenarios/pom.properties";

    private ToolVersion() {
    }

    public static String get() {
        String manifest = ToolVersion.class.getPackage().getImplementationVersion();
        if (manifest != null) {
            return manifest;
        }
        try (InputStream in = ToolVersion.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                if (v != null) {
                    return v;
                }
            }
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
        return "development build (classes not packaged in a jar)";
    }
}
