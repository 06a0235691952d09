package org.chatapp.redis.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParsersTest {

    @Test
    void infoParser_readsKeyValueLines() {
        var info = InfoParser.parse("# Server\r\nredis_version:7.0.15\r\nrole:master\r\n\r\n");

        assertThat(info).containsEntry("redis_version", "7.0.15").containsEntry("role", "master").hasSize(2);
        assertThat(InfoParser.intValue(info, "missing")).isZero();
    }

    @Test
    void clusterNodesParser_mastersWithSlotsServe_failedMasterWithoutSlotsDoesNot() {
        String reply = """
                07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@40004 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected
                67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@40002 master - 0 1426238316232 2 connected 5461-10922
                292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30003@40003 master - 0 1426238318243 3 connected 10923-16383
                6ec23923021cf3ffec47632106199cb7f496ce01 127.0.0.1:30005@40005 master,fail - 0 1426238316232 5 disconnected
                e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@40001,host-1 myself,master - 0 0 1 connected 0-5460 [5461->-67ed2db8]
                """;

        List<ClusterNodesParser.Node> nodes = ClusterNodesParser.parse(reply);

        assertThat(nodes).hasSize(5);
        assertThat(nodes.stream().filter(ClusterNodesParser.Node::servesSlots).map(ClusterNodesParser.Node::address))
                .containsExactly("127.0.0.1:30002", "127.0.0.1:30003", "127.0.0.1:30001");
        assertThat(nodes.stream().filter(ClusterNodesParser.Node::failed).map(ClusterNodesParser.Node::port))
                .containsExactly(30005);
    }
}
