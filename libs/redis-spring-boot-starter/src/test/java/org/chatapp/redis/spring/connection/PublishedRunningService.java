package org.chatapp.redis.spring.connection;

import java.util.List;
import java.util.Map;
import org.springframework.boot.docker.compose.core.ConnectionPorts;
import org.springframework.boot.docker.compose.core.ImageReference;
import org.springframework.boot.docker.compose.core.RunningService;

/**
 * A Docker Compose service as Boot reports it once {@code docker compose up} has run, with its
 * port 6379 published at host:port. No Docker engine runs where these tests do: the address is
 * that of a redis-server started by {@code chatapp-redis-local}, or one a test makes up.
 */
final class PublishedRunningService implements RunningService {

    private final String name;
    private final ImageReference image;
    private final String host;
    private final int port;
    private final Map<String, String> labels;

    PublishedRunningService(String name, String image, String host, int port, Map<String, String> labels) {
        this.name = name;
        this.image = ImageReference.of(image);
        this.host = host;
        this.port = port;
        this.labels = Map.copyOf(labels);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ImageReference image() {
        return image;
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public ConnectionPorts ports() {
        return new ConnectionPorts() {
            @Override
            public int get(int containerPort) {
                if (containerPort != RedisServices.PORT) {
                    // What Boot's own ports say for a port the service does not publish.
                    throw new IllegalStateException("No host port mapping found for container port " + containerPort);
                }
                return port;
            }

            @Override
            public List<Integer> getAll() {
                return List.of(port);
            }

            @Override
            public List<Integer> getAll(String protocol) {
                return protocol == null || "tcp".equals(protocol) ? List.of(port) : List.of();
            }
        };
    }

    @Override
    public Map<String, String> env() {
        return Map.of();
    }

    @Override
    public Map<String, String> labels() {
        return labels;
    }
}
