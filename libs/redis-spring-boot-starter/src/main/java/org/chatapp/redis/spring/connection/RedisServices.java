package org.chatapp.redis.spring.connection;

import java.util.List;

/**
 * What identifies a Redis service to both factories: the image names Boot 4.0's own Spring Data
 * Redis factories accept, so one container or Compose service configures both clients alike
 * (Boot 4.0 dropped the Bitnami images, and so do we), and the port Redis listens on inside it.
 */
final class RedisServices {

    static final List<String> IMAGE_NAMES = List.of("redis", "redis/redis-stack", "redis/redis-stack-server");

    static final int PORT = 6379;

    private RedisServices() {
    }
}
