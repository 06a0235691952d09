package org.chatapp.apps.auth.permission;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.cache.CacheOptions;
import org.chatapp.redis.cache.RedisCache;
import org.chatapp.redis.cache.RedisCaches;
import org.chatapp.redis.cache.TtlPolicy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What a user may do: the user's roles, read through a cache of the library ({@code roles}, cache-aside,
 * one database load per user across every instance, a TTL with jitter, unknown ids cached as absent
 * for a short while). A grant or a revocation writes the database, then evicts the user's entry, so
 * that every instance reads the new roles from its next call on.
 */
@Component
public class Permissions {

    /** The role every account has from its registration on. */
    public static final String DEFAULT_ROLE = "user";

    private static final Pattern ROLE = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** A user's roles as cached: a record, so that the cached JSON has a name for the list. */
    record RoleSet(List<String> roles) {
    }

    private final RoleRepository repository;
    private final RedisCache<RoleSet> cache;

    Permissions(RoleRepository repository, RedisCaches caches, @Value("${chatapp.auth.roles-ttl:10m}") Duration ttl,
            @Value("${chatapp.auth.unknown-user-ttl:30s}") Duration unknownTtl) {
        this.repository = repository;
        this.cache = caches.cache("roles", CacheOptions.builder(ValueCodec.json(RoleSet.class)).ttl(TtlPolicy.fixed(ttl))
                .negativeTtl(unknownTtl).build());
    }

    /** Returns whether a text is a valid role name: 1 to 32 of a-z, 0-9, '_', '-', starting with a letter. */
    public static boolean isRole(String role) {
        return role != null && ROLE.matcher(role).matches();
    }

    /** Returns a user's roles, empty when there is no such user. */
    public Optional<Set<String>> rolesOf(String userId) {
        return cache.get(userId, id -> repository.rolesOf(id).map(RoleSet::new).orElse(null))
                .map(set -> Set.copyOf(set.roles()));
    }

    /**
     * Grants a role; false when there is no such user.
     *
     * @throws IllegalArgumentException when the role is not a valid role name
     */
    public boolean grant(String userId, String role) {
        requireRole(role);
        boolean known = repository.grant(userId, role);
        cache.evict(userId); // after the write: a load that began before it cannot store the old roles
        return known;
    }

    /**
     * Revokes a role; false when there is no such user.
     *
     * @throws IllegalArgumentException when the role is not a valid role name
     */
    public boolean revoke(String userId, String role) {
        requireRole(role);
        boolean known = repository.revoke(userId, role);
        cache.evict(userId);
        return known;
    }

    private static void requireRole(String role) {
        if (!isRole(role)) {
            throw new IllegalArgumentException("role must be 1 to 32 of a-z, 0-9, '_', '-', starting with a letter");
        }
    }
}
