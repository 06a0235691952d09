/**
 * A framework-free Redis health check that understands a cluster: {@code CLUSTER INFO}, slot
 * coverage and a ping to every master, answered within its own timeout. The Spring Boot starter
 * adapts it to Actuator.
 */
package org.chatapp.redis.health;
