package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedisScriptTest {

    @Test
    void sha1_isWhatRedisNamesTheScriptBy() {
        // redis-cli SCRIPT LOAD "return 1" answers e0e1f9fabfc9d4800c877a703b823ac0578ff8db
        assertThat(RedisScript.returningLong("return 1").sha1()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
    }

    @Test
    void toString_namesTheShaAndReplyType_notTheSource() {
        assertThat(RedisScript.returningString("return 'secret-looking source'").toString())
                .contains("sha1=").contains("returns value").doesNotContain("secret-looking");
    }
}
