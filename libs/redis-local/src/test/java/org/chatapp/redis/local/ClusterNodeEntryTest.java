package org.chatapp.redis.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterNodeEntryTest {

    private static final String REPLY = """
            07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@40004 slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected
            67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 127.0.0.1:30002@40002,node-2 master - 0 1426238316232 2 connected 5461-10922
            292f8b365bb7edb5e285caf0b7e6ddc7265d2f4f 127.0.0.1:30003@40003 master,fail - 1426238316232 1426238315000 3 disconnected
            e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 127.0.0.1:30001@40001 myself,master - 0 0 1 connected 0-5460 12000 [5461->-67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1]
            6ec23923021cf3ffec47632106199cb7f496ce01 :30005@40005 master,fail?,noaddr - 0 0 0 disconnected
            """;

    @Test
    void parseAll_rolesPortsAndSlots() {
        List<ClusterNodeEntry> entries = ClusterNodeEntry.parseAll(REPLY);

        assertThat(entries).extracting(ClusterNodeEntry::port).containsExactly(30004, 30002, 30003, 30001, 30005);
        ClusterNodeEntry replica = entries.get(0);
        assertThat(replica.isReplica()).isTrue();
        assertThat(replica.masterId()).isEqualTo("e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca");
        assertThat(replica.slots()).isEmpty();

        ClusterNodeEntry myself = entries.get(3);
        assertThat(myself.isMyself()).isTrue();
        assertThat(myself.isMaster()).isTrue();
        assertThat(myself.masterId()).isNull();
        assertThat(myself.slots()).containsExactly(new SlotRange(0, 5460), new SlotRange(12000, 12000));
        assertThat(myself.slotCount()).isEqualTo(5462);
        assertThat(myself.owns(12000)).isTrue();
        assertThat(myself.owns(5461)).isFalse();
    }

    @Test
    void parseAll_failureAndHandshakeFlags() {
        List<ClusterNodeEntry> entries = ClusterNodeEntry.parseAll(REPLY);

        assertThat(entries.get(1).isFailing()).isFalse();
        assertThat(entries.get(2).isFailing()).isTrue();
        assertThat(entries.get(4).isFailing()).isTrue();
        assertThat(entries.get(4).isSettled()).isFalse();
        assertThat(entries.get(1).isSettled()).isTrue();
    }

    @Test
    void roleDescription_comparableAcrossObservers() {
        List<ClusterNodeEntry> entries = ClusterNodeEntry.parseAll(REPLY);

        assertThat(entries.get(0).roleDescription())
                .isEqualTo("07c37dfeb235213a872192d90877d0cd55635b91 replica-of e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca");
        assertThat(entries.get(1).roleDescription()).isEqualTo("67ed2db8d677e59ec4a4cefb06858cf2a1a89fa1 master [5461-10922]");
    }
}
