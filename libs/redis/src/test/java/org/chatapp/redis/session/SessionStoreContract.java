package org.chatapp.redis.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.awaitility.Awaitility;
import org.chatapp.redis.TestClock;
import org.chatapp.redis.RedisOptions;
import org.chatapp.redis.RedisService;
import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.session.SessionPayloadException.Reason;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * The session store against a real server, run by one subclass per topology. The service's clock
 * is a {@link TestClock}, so expiry decided by the client is tested by moving the clock; each
 * test has users of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SessionStoreContract {

    private static final Instant START = Instant.parse("2030-01-01T00:00:00Z");
    private static final byte[] KEY_1 = bytes(16, 1);
    private static final byte[] KEY_2 = bytes(32, 2);

    private final TestClock clock = new TestClock(START);
    private RedisService redis;
    private SessionStore<String> sessions;
    private String user;

    /** Returns options for the topology under test, without prefix or clock. */
    abstract RedisOptions.Builder topology();

    @BeforeEach
    void startClockAndNameUser(TestInfo test) {
        if (redis == null) {
            redis = RedisService.create(topology().keyPrefix(getClass().getSimpleName() + "-" + System.nanoTime() + ":")
                    .clock(clock).build());
            sessions = SessionStore.of(redis, ValueCodec.string());
        }
        clock.set(START);
        user = "user-" + test.getTestMethod().orElseThrow().getName();
    }

    @AfterAll
    void closeService() {
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void create_thenGet_returnsUserPayloadAndTimes() {
        Session<String> created = sessions.create(user, "cart=3");

        Optional<Session<String>> read = sessions.get(created.id());

        assertThat(read).hasValueSatisfying(session -> {
            assertThat(session.id()).isEqualTo(created.id());
            assertThat(session.userId()).isEqualTo(user);
            assertThat(session.payload()).isEqualTo("cart=3");
            assertThat(session.createdAt()).isEqualTo(START);
            assertThat(session.expiresAt()).isEqualTo(START.plus(SessionStoreOptions.DEFAULT_TTL));
        });
    }

    @Test
    void create_jsonPayload_roundTrips() {
        SessionStore<Profile> profiles = SessionStore.of(redis, ValueCodec.json(Profile.class));
        Profile profile = new Profile("Ada", List.of("admin", "writer"));

        Session<Profile> created = profiles.create(user, profile);

        assertThat(profiles.get(created.id())).map(Session::payload).contains(profile);
    }

    @Test
    void create_manySessions_idsAreUniqueUrlSafeAndCarry144RandomBits() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            ids.add(sessions.create(user, "p").id());
        }

        assertThat(ids).hasSize(50).allSatisfy(id -> assertThat(id).matches("[A-Za-z0-9_-]{16}\\.[A-Za-z0-9_-]{24}"));
    }

    @Test
    void get_afterTtlByTheServiceClock_isEmpty() {
        Session<String> created = sessions.create(user, "p");

        clock.advance(SessionStoreOptions.DEFAULT_TTL);

        assertThat(sessions.get(created.id())).isEmpty();
    }

    @Test
    void get_justBeforeTtl_isPresent() {
        Session<String> created = sessions.create(user, "p");

        clock.advance(SessionStoreOptions.DEFAULT_TTL.minusMillis(1));

        assertThat(sessions.get(created.id())).isPresent();
    }

    @Test
    void touch_beforeExpiry_slidesTheExpiryFromNow() {
        Session<String> created = sessions.create(user, "p");
        clock.advance(Duration.ofMinutes(40));

        assertThat(sessions.touch(created.id())).isTrue();
        clock.advance(Duration.ofMinutes(40));

        assertThat(sessions.get(created.id())).map(Session::expiresAt)
                .contains(START.plus(Duration.ofMinutes(40)).plus(SessionStoreOptions.DEFAULT_TTL));
    }

    @Test
    void touch_afterExpiry_returnsFalseAndDoesNotRevive() {
        Session<String> created = sessions.create(user, "p");
        clock.advance(SessionStoreOptions.DEFAULT_TTL.plusSeconds(1));

        boolean touched = sessions.touch(created.id());
        clock.set(START);

        assertThat(touched).isFalse();
        assertThat(sessions.get(created.id())).as("the expired session was deleted, not kept for a clock going back").isEmpty();
    }

    @Test
    void touch_slidesTheServerTtlOfSessionAndIndex() {
        SessionStore<String> shortLived = SessionStore.of(redis, ValueCodec.string(),
                SessionStoreOptions.defaults().withNamespace("short").withTtl(Duration.ofSeconds(30)));
        Session<String> created = shortLived.create(user, "p");
        SessionId id = SessionId.parse(created.id());
        redis.expire("short:{" + id.userRef() + "}:s:" + id.secret(), Duration.ofSeconds(2));
        redis.expire("short:{" + id.userRef() + "}:index", Duration.ofSeconds(2));

        shortLived.touch(created.id());

        assertThat(redis.ttl("short:{" + id.userRef() + "}:s:" + id.secret())).hasValueSatisfying(
                ttl -> assertThat(ttl).isGreaterThan(Duration.ofSeconds(25)));
        assertThat(redis.ttl("short:{" + id.userRef() + "}:index")).hasValueSatisfying(
                ttl -> assertThat(ttl).isGreaterThan(Duration.ofSeconds(25)));
    }

    @Test
    void create_shortTtl_redisDeletesSessionAndIndexByItself() {
        SessionStore<String> shortLived = SessionStore.of(redis, ValueCodec.string(),
                SessionStoreOptions.defaults().withNamespace("brief").withTtl(Duration.ofMillis(300)));
        Session<String> created = shortLived.create(user, "p");
        SessionId id = SessionId.parse(created.id());
        String sessionKey = "brief:{" + id.userRef() + "}:s:" + id.secret();
        String indexKey = "brief:{" + id.userRef() + "}:index";
        assertThat(redis.exists(sessionKey, indexKey)).isEqualTo(2);

        // The service's clock stands still: only Redis's own TTL can remove the keys.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> redis.exists(sessionKey, indexKey) == 0);
        assertThat(shortLived.get(created.id())).isEmpty();
    }

    @Test
    void sessionIds_listsTheUsersLiveSessionsOnly() {
        Session<String> first = sessions.create(user, "phone");
        clock.advance(Duration.ofMinutes(30));
        Session<String> second = sessions.create(user, "laptop");
        sessions.create("other-" + user, "x");

        assertThat(sessions.sessionIds(user)).containsExactly(first.id(), second.id());
        clock.advance(Duration.ofMinutes(31));
        assertThat(sessions.sessionIds(user)).containsExactly(second.id());
    }

    @Test
    void create_afterOthersExpired_prunesTheIndex() {
        for (int i = 0; i < 5; i++) {
            sessions.create(user, "old");
        }
        clock.advance(SessionStoreOptions.DEFAULT_TTL.plusSeconds(1));

        sessions.create(user, "new");

        assertThat(redis.sortedSets().size(indexKey(user))).isEqualTo(1);
    }

    @Test
    void touch_afterOthersExpired_prunesTheIndex() {
        Session<String> kept = sessions.create(user, "kept");
        clock.advance(Duration.ofMinutes(30));
        sessions.create(user, "dropped");
        sessions.touch(kept.id());
        clock.advance(Duration.ofMinutes(61));

        sessions.touch(sessions.create(user, "another").id());

        assertThat(redis.sortedSets().size(indexKey(user))).isEqualTo(1);
    }

    @Test
    void create_indexTtl_followsTheLastSession() {
        sessions.create(user, "p");

        assertThat(redis.ttl(indexKey(user))).hasValueSatisfying(ttl -> assertThat(ttl)
                .isBetween(SessionStoreOptions.DEFAULT_TTL.minusSeconds(5), SessionStoreOptions.DEFAULT_TTL));
    }

    @Test
    void delete_removesTheSessionAndItsIndexEntry() {
        Session<String> deleted = sessions.create(user, "a");
        Session<String> kept = sessions.create(user, "b");

        assertThat(sessions.delete(deleted.id())).isTrue();

        assertThat(sessions.get(deleted.id())).isEmpty();
        assertThat(sessions.sessionIds(user)).containsExactly(kept.id());
        assertThat(sessions.delete(deleted.id())).as("second delete").isFalse();
    }

    @Test
    void deleteAll_deletesEverySessionOfTheUserAndNoOther() {
        Session<String> a = sessions.create(user, "a");
        Session<String> b = sessions.create(user, "b");
        Session<String> other = sessions.create("other-" + user, "c");

        long deleted = sessions.deleteAll(user);

        assertThat(deleted).isEqualTo(2);
        assertThat(sessions.get(a.id())).isEmpty();
        assertThat(sessions.get(b.id())).isEmpty();
        assertThat(sessions.get(other.id())).isPresent();
        assertThat(redis.exists(indexKey(user))).isZero();
    }

    @Test
    void deleteAll_withManySessions_deletesThemAllInChunks() {
        for (int i = 0; i < 1_200; i++) {
            sessions.create(user, "s" + i);
        }

        assertThat(sessions.deleteAll(user)).isEqualTo(1_200);
        assertThat(sessions.sessionIds(user)).isEmpty();
    }

    @Test
    void update_replacesPayloadAndSlides() {
        Session<String> created = sessions.create(user, "before");
        clock.advance(Duration.ofMinutes(10));

        assertThat(sessions.update(created.id(), "after")).isTrue();

        assertThat(sessions.get(created.id())).hasValueSatisfying(session -> {
            assertThat(session.payload()).isEqualTo("after");
            assertThat(session.expiresAt()).isEqualTo(START.plus(Duration.ofMinutes(10)).plus(SessionStoreOptions.DEFAULT_TTL));
        });
    }

    @Test
    void byId_forgedOrUnknownIds_areNotFound() {
        String unknown = SessionId.random(user, new java.security.SecureRandom()).text();

        assertThat(sessions.get("not-a-session-id")).isEmpty();
        assertThat(sessions.get(unknown)).isEmpty();
        assertThat(sessions.touch(unknown)).isFalse();
        assertThat(sessions.update(unknown, "p")).isFalse();
        assertThat(sessions.delete("{evil}")).isFalse();
        assertThat(sessions.sessionIds(user)).as("an unknown id's touch adds nothing to the index").isEmpty();
    }

    @Test
    void badInput_isRejectedNamingTheArgument_andNothingIsWritten() {
        String huge = "x".repeat(SessionStore.MAX_USER_ID_LENGTH + 1);

        assertThatIllegalArgumentException().isThrownBy(() -> sessions.create(null, "p")).withMessage("userId must not be empty, was null");
        assertThatIllegalArgumentException().isThrownBy(() -> sessions.create("", "p")).withMessage("userId must not be empty, was ''");
        assertThatIllegalArgumentException().isThrownBy(() -> sessions.create(huge, "p"))
                .withMessage("userId must be at most 256 characters, was 257 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> sessions.create(user, null))
                .withMessage("payload must not be null; delete the session instead");
        assertThatIllegalArgumentException().isThrownBy(() -> sessions.create(user, "x".repeat(64 * 1024 + 1)))
                .withMessage("payload must be at most 65536 bytes once encoded (session.maxPayloadBytes), was 65537 bytes");
        assertThatIllegalArgumentException().isThrownBy(() -> sessions.get(null)).withMessage("sessionId must not be empty, was null");
        assertThatIllegalArgumentException().isThrownBy(() -> sessions.touch(""));
        assertThatIllegalArgumentException().isThrownBy(() -> sessions.delete("s".repeat(257)))
                .withMessage("sessionId must be at most 256 characters, was 257 characters");
        assertThatIllegalArgumentException().isThrownBy(() -> sessions.deleteAll(null));
        assertThatIllegalArgumentException().isThrownBy(() -> sessions.sessionIds(""));
        assertThatIllegalArgumentException().isThrownBy(() -> SessionStore.of(null, ValueCodec.string()))
                .withMessage("redis must not be null");
        assertThat(sessions.sessionIds(user)).isEmpty();
    }

    @Test
    void encrypted_roundTrips_andRedisHoldsOnlyCiphertext() {
        SessionStore<String> encrypted = encryptedStore(SessionKeyring.of("k1", KEY_1));

        Session<String> created = encrypted.create(user, "secret-token-123");

        assertThat(encrypted.get(created.id())).map(Session::payload).contains("secret-token-123");
        String stored = storedData(created.id());
        assertThat(stored).startsWith("e:k1:").doesNotContain("secret-token-123")
                .doesNotContain(Base64.getEncoder().encodeToString("secret-token-123".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void encrypted_samePayloadTwice_usesAFreshNonceEachTime() {
        SessionStore<String> encrypted = encryptedStore(SessionKeyring.of("k1", KEY_1));
        Session<String> a = encrypted.create(user, "same");
        Session<String> b = encrypted.create(user, "same");

        assertThat(storedData(a.id()).substring(5, 21)).isNotEqualTo(storedData(b.id()).substring(5, 21));
    }

    @Test
    void encrypted_afterKeyRotation_oldSessionsStillDecrypt_andNewOnesUseTheNewKey() {
        SessionKeyring before = SessionKeyring.of("k1", KEY_1);
        Session<String> old = encryptedStore(before).create(user, "old");
        SessionStore<String> rotated = encryptedStore(before.rotateTo("k2", KEY_2));

        Session<String> fresh = rotated.create(user, "fresh");

        assertThat(rotated.get(old.id())).map(Session::payload).contains("old");
        assertThat(rotated.get(fresh.id())).map(Session::payload).contains("fresh");
        assertThat(storedData(fresh.id())).startsWith("e:k2:");
    }

    @Test
    void encrypted_update_reencryptsWithTheCurrentKey() {
        SessionKeyring before = SessionKeyring.of("k1", KEY_1);
        Session<String> old = encryptedStore(before).create(user, "old");
        SessionStore<String> rotated = encryptedStore(before.rotateTo("k2", KEY_2));

        rotated.update(old.id(), "updated");

        assertThat(storedData(old.id())).startsWith("e:k2:");
        assertThat(encryptedStore(SessionKeyring.of("k2", KEY_2)).get(old.id())).map(Session::payload).contains("updated");
    }

    @Test
    void encrypted_keyDroppedFromTheKeyring_isRefusedNamingTheKey() {
        SessionKeyring before = SessionKeyring.of("k1", KEY_1);
        Session<String> old = encryptedStore(before).create(user, "old");
        SessionStore<String> withoutOldKey = encryptedStore(before.rotateTo("k2", KEY_2).withoutKey("k1"));

        assertThatThrownBy(() -> withoutOldKey.get(old.id())).isInstanceOf(SessionPayloadException.class)
                .hasMessage("session payload is encrypted with key 'k1', which is not in the keyring [k2]")
                .extracting(e -> ((SessionPayloadException) e).reason()).isEqualTo(Reason.UNKNOWN_KEY);
    }

    @Test
    void encrypted_tamperedCiphertext_isRefused() {
        SessionStore<String> encrypted = encryptedStore(SessionKeyring.of("k1", KEY_1));
        Session<String> created = encrypted.create(user, "balance=10");
        String stored = storedData(created.id());
        byte[] sealed = Base64.getDecoder().decode(stored.substring("e:k1:".length()));
        sealed[sealed.length - 20] ^= 0x01;
        redis.hashes().set(sessionKey(created.id()), "data", "e:k1:" + Base64.getEncoder().encodeToString(sealed));

        assertThatThrownBy(() -> encrypted.get(created.id())).isInstanceOf(SessionPayloadException.class)
                .extracting(e -> ((SessionPayloadException) e).reason()).isEqualTo(Reason.TAMPERED);
    }

    @Test
    void encrypted_payloadCopiedIntoAnotherSession_isRefused() {
        SessionStore<String> encrypted = encryptedStore(SessionKeyring.of("k1", KEY_1));
        Session<String> admin = encrypted.create(user, "role=admin");
        Session<String> guest = encrypted.create(user, "role=guest");

        redis.hashes().set(sessionKey(guest.id()), "data", storedData(admin.id()));

        assertThatThrownBy(() -> encrypted.get(guest.id())).isInstanceOf(SessionPayloadException.class)
                .extracting(e -> ((SessionPayloadException) e).reason()).isEqualTo(Reason.TAMPERED);
    }

    @Test
    void get_sessionRewrittenToAnotherUser_isRefused() {
        Session<String> created = sessions.create(user, "p");

        redis.hashes().set(sessionKey(created.id()), "user", "someone-else");

        assertThatThrownBy(() -> sessions.get(created.id())).isInstanceOf(SessionPayloadException.class)
                .hasMessage("session's user does not match the user its id was issued for");
    }

    @Test
    void encrypted_storeReadingAPlaintextPayload_refusesIt() {
        Session<String> plain = sessions.create(user, "unencrypted");

        assertThatThrownBy(() -> encryptedStore(SessionKeyring.of("k1", KEY_1)).get(plain.id()))
                .isInstanceOf(SessionPayloadException.class)
                .extracting(e -> ((SessionPayloadException) e).reason()).isEqualTo(Reason.ENCRYPTION_MISMATCH);
    }

    private SessionStore<String> encryptedStore(SessionKeyring keyring) {
        return SessionStore.of(redis, ValueCodec.string(), SessionStoreOptions.defaults().withKeyring(keyring));
    }

    private String storedData(String sessionId) {
        return redis.hashes().get(sessionKey(sessionId), "data").orElseThrow();
    }

    private static String sessionKey(String sessionId) {
        SessionId id = SessionId.parse(sessionId);
        return "session:{" + id.userRef() + "}:s:" + id.secret();
    }

    private static String indexKey(String userId) {
        return "session:{" + SessionId.userRef(userId) + "}:index";
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }

    /** A JSON payload. */
    record Profile(String name, List<String> roles) {
    }
}
