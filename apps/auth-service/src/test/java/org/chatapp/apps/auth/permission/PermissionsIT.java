package org.chatapp.apps.auth.permission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.cache.RedisCaches;
import org.chatapp.redis.local.LocalRedisExtension;
import org.chatapp.redis.local.LocalRedisStandalone;
import org.chatapp.redis.local.TestKeyPrefix;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The permission cache on a real Redis and a real PostgreSQL migrated by the service's own Flyway
 * scripts, as two instances of the service: what each loaded from the database is counted.
 */
@ExtendWith(LocalRedisExtension.class)
class PermissionsIT {

    private static EmbeddedPostgres postgres;
    private static JdbcClient jdbc;
    private static RedisService redisA;
    private static RedisService redisB;
    private static RedisCaches cachesA;
    private static RedisCaches cachesB;
    private static CountingRoles rolesA;
    private static CountingRoles rolesB;
    private static Permissions instanceA;
    private static Permissions instanceB;

    /** The repository, counting its reads of a user's roles. */
    static final class CountingRoles extends RoleRepository {
        final AtomicInteger loads = new AtomicInteger();

        CountingRoles(JdbcClient jdbc) {
            super(jdbc);
        }

        @Override
        Optional<List<String>> rolesOf(String userId) {
            loads.incrementAndGet();
            return super.rolesOf(userId);
        }
    }

    @BeforeAll
    static void start(LocalRedisStandalone redis, TestKeyPrefix prefix) throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(postgres.getJdbcUrl("postgres", "postgres") + "&currentSchema=auth");
        Flyway.configure().dataSource(dataSource).schemas("auth").defaultSchema("auth").locations("classpath:db/auth").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        RedisOptions options = RedisOptions.builder().host(redis.host()).port(redis.port()).keyPrefix(prefix.value()).build();
        redisA = RedisService.create(options);
        redisB = RedisService.create(options);
        cachesA = RedisCaches.create(redisA);
        cachesB = RedisCaches.create(redisB);
        rolesA = new CountingRoles(jdbc);
        rolesB = new CountingRoles(jdbc);
        instanceA = new Permissions(rolesA, cachesA, Duration.ofMinutes(10), Duration.ofSeconds(30));
        instanceB = new Permissions(rolesB, cachesB, Duration.ofMinutes(10), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws IOException {
        for (AutoCloseable closeable : new AutoCloseable[] {cachesA, cachesB, redisA, redisB}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void rolesOf_newAccount_isTheDefaultRole() {
        String userId = account();

        assertThat(instanceA.rolesOf(userId)).contains(Set.of(Permissions.DEFAULT_ROLE));
    }

    @Test
    void rolesOf_readOnBothInstances_loadsTheDatabaseOnce() {
        String userId = account();
        int before = rolesA.loads.get() + rolesB.loads.get();

        instanceA.rolesOf(userId);
        instanceA.rolesOf(userId);
        instanceB.rolesOf(userId);

        assertThat(rolesA.loads.get() + rolesB.loads.get() - before).isEqualTo(1);
    }

    @Test
    void rolesOf_unknownUser_isEmptyAndCachedAsAbsent() {
        String nobody = UUID.randomUUID().toString();
        int before = rolesA.loads.get() + rolesB.loads.get();

        assertThat(instanceA.rolesOf(nobody)).isEmpty();
        assertThat(instanceB.rolesOf(nobody)).isEmpty();

        assertThat(rolesA.loads.get() + rolesB.loads.get() - before).isEqualTo(1);
    }

    @Test
    void grant_onOneInstance_isSeenByTheOtherAtOnce() {
        String userId = account();
        assertThat(instanceB.rolesOf(userId)).contains(Set.of("user")); // cached there

        assertThat(instanceA.grant(userId, "admin")).isTrue();

        assertThat(instanceB.rolesOf(userId)).contains(Set.of("user", "admin"));
    }

    @Test
    void revoke_onOneInstance_isSeenByTheOtherAtOnce() {
        String userId = account();
        instanceA.grant(userId, "admin");
        assertThat(instanceB.rolesOf(userId)).contains(Set.of("user", "admin"));

        assertThat(instanceA.revoke(userId, "admin")).isTrue();

        assertThat(instanceB.rolesOf(userId)).contains(Set.of("user"));
    }

    @Test
    void grant_unknownUser_isFalse() {
        assertThat(instanceA.grant(UUID.randomUUID().toString(), "admin")).isFalse();
    }

    @Test
    void grant_invalidRoleName_throws() {
        String userId = account();

        assertThatThrownBy(() -> instanceA.grant(userId, "Admin; drop")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String account() {
        String userId = UUID.randomUUID().toString();
        jdbc.sql("""
                with account as (insert into accounts (user_id, username, password_hash) values (?::uuid, ?, 'x') returning user_id)
                insert into account_roles (user_id, role) select user_id, 'user' from account""")
                .params(userId, "u" + userId.substring(0, 8)).update();
        return userId;
    }
}
