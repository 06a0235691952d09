package org.chatapp.apps.auth.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void of_gatewaysIpv4Address_isThatAddress() {
        assertThat(ClientAddress.of("203.0.113.7", "127.0.0.1")).isEqualTo("203.0.113.7");
    }

    @Test
    void of_gatewaysIpv6Address_isThatAddress() {
        assertThat(ClientAddress.of("2001:db8::1", "127.0.0.1")).isEqualTo("2001:db8::1");
    }

    @Test
    void of_noHeader_isTheRemoteAddress() {
        assertThat(ClientAddress.of(null, "10.0.0.2")).isEqualTo("10.0.0.2");
    }

    @Test
    void of_headerThatIsNoAddress_isTheRemoteAddress() {
        assertThat(ClientAddress.of("evil\r\nX-Forged: 1", "10.0.0.2")).isEqualTo("10.0.0.2");
        assertThat(ClientAddress.of("203.0.113.7, 10.0.0.1", "10.0.0.2")).isEqualTo("10.0.0.2");
    }
}
