package com.webriskops.webhooks.sender.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {
    @Test
    void containsAddressesOfItsFamilyInsideThePrefix() throws Exception {
        Cidr cidr = Cidr.parse("10.20.0.0/16");

        assertThat(cidr.contains(InetAddress.getByName("10.20.255.1"))).isTrue();
        assertThat(cidr.contains(InetAddress.getByName("10.21.0.1"))).isFalse();
        assertThat(cidr.contains(InetAddress.getByName("::1"))).isFalse();
        assertThat(Cidr.parse("fd00::/8").contains(InetAddress.getByName("fdff::1")))
                .isTrue();
    }

    @Test
    void bareAddressesAreSingleHosts() {
        assertThat(Cidr.parse("192.168.1.10").prefixLength()).isEqualTo(32);
        assertThat(Cidr.parse("fd00::1").prefixLength()).isEqualTo(128);
        assertThat(Cidr.parse(" 10.0.0.0/8 ")).isEqualTo(Cidr.parse("10.0.0.0/8"));
        assertThat(Cidr.parse("10.0.0.0/8").toString()).isEqualTo("10.0.0.0/8");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.1/8",
                "10.0.0.0/33",
                "10.0.0.0/",
                "10.0.0.0/8x",
                "010.0.0.0/8",
                "10.0.0/8",
                "fd00::/129",
                "example.com/8",
                "",
                "10.0.0.0/-1"
            })
    void rejectsNonCanonicalBlocks(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
