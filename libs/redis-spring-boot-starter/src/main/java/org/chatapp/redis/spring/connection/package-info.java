/**
 * Boot service connections for the starter: {@code @ServiceConnection} on a Testcontainers Redis
 * container and a Redis service in Docker Compose provide the
 * {@link org.chatapp.redis.spring.RedisConnectionDetails} the starter connects with, matched by
 * the same image names and container types as Boot's own Spring Data Redis factories. Each factory
 * is only used when its Boot module ({@code spring-boot-testcontainers},
 * {@code spring-boot-docker-compose}) is on the application's classpath.
 */
package org.chatapp.redis.spring.connection;
