package org.chatapp.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** Reads a library's version from the Maven metadata inside its jar, for the report. */
final class Versions {

    private Versions() {
    }

    static String of(String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (InputStream in = Versions.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return "?";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "?");
        } catch (IOException e) {
            return "?";
        }
    }
}
