package org.chatapp.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedisNodeTest {

    @Test
    void parseList_commaSeparated() {
        assertThat(RedisNode.parseList(" 10.0.0.1:7000, redis-2:7001 ,,[::1]:7002"))
                .containsExactly(new RedisNode("10.0.0.1", 7000), new RedisNode("redis-2", 7001), new RedisNode("::1", 7002));
        assertThat(RedisNode.parseList("")).isEmpty();
    }

    @Test
    void parse_invalid_namesTheValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisNode.parse("redis"))
                .withMessage("node address must be host:port, was 'redis'");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisNode.parse("redis:http"))
                .withMessage("node address must be host:port, was 'redis:http'");
        assertThatIllegalArgumentException().isThrownBy(() -> RedisNode.parse("redis:70000"))
                .withMessage("port must be between 1 and 65535, was 70000");
    }

    @Test
    void toString_bracketsIpv6() {
        assertThat(List.of(new RedisNode("::1", 7000), new RedisNode("a", 1)).toString()).isEqualTo("[[::1]:7000, a:1]");
    }
}
