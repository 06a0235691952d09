package org.springframework.boot.docker.compose.service.connection;

import org.springframework.boot.docker.compose.core.RunningService;
import org.springframework.core.env.Environment;

/**
 * Creates the {@link DockerComposeConnectionSource} that Boot's own listener hands to the
 * connection details factories once Compose services are up. Its constructor is package-private
 * (Boot's own tests of it sit in this package), and no Docker engine runs where the starter's tests
 * do, so they pass a {@link RunningService} of their own through here instead of starting Compose.
 */
public final class TestDockerComposeConnectionSources {

    private TestDockerComposeConnectionSources() {
    }

    /** Returns the source Boot would create for the service in that environment. */
    public static DockerComposeConnectionSource of(RunningService service, Environment environment) {
        return new DockerComposeConnectionSource(service, environment);
    }
}
