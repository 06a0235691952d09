/**
 * Spring Boot auto-configuration for chatapp-redis, the Java form of the seed's
 * {@code RedisModule.register(options)}: {@code chatapp.redis.*} properties mapped once into
 * {@link org.chatapp.redis.RedisOptions}, a {@link org.chatapp.redis.RedisService} per client,
 * Actuator health and Micrometer metrics when those are present, and a local Redis for development
 * when nothing else is configured.
 */
package org.chatapp.redis.spring;
