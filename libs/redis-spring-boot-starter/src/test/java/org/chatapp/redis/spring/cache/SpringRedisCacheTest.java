package org.chatapp.redis.spring.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.springframework.cache.interceptor.SimpleKey;

class SpringRedisCacheTest {

    record RoomKey(String tenant, long id) {
    }

    @Test
    void key_string_isItself() {
        assertThat(SpringRedisCache.key("room:42")).isEqualTo("room:42");
    }

    @Test
    void key_keysWithTheirOwnToString_areTheirText() {
        assertThat(SpringRedisCache.key(42L)).isEqualTo("42");
        assertThat(SpringRedisCache.key(new SimpleKey("a", 1))).isEqualTo(new SimpleKey("a", 1).toString());
        assertThat(SpringRedisCache.key(new RoomKey("t", 7))).isEqualTo("RoomKey[tenant=t, id=7]");
    }

    @Test
    void key_classWithoutItsOwnToString_isRefusedNamingTheClass() {
        assertThatIllegalArgumentException().isThrownBy(() -> SpringRedisCache.key(new Object()))
                .withMessageContaining("java.lang.Object");
    }

    @Test
    void key_null_isRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> SpringRedisCache.key(null));
    }
}
