/** Auto-configuration of the lease locks ({@code org.chatapp.redis.lock}) under {@code chatapp.redis.lock.*}. */
package org.chatapp.redis.spring.lock;
