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

    /** Every spelling accepted reads back, printed, as the same block: stores keep the printed form. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.0.0.0/8",
                "192.168.1.10",
                "0.0.0.0/0",
                "fd00::/8",
                "FD00::/8",
                "fd00:0:0:0:0:0:0:1",
                "::1",
                "::/0",
                "2001:db8::/32",
                "[fd00::1]",
                "::0.0.0.1"
            })
    void everyAcceptedSpellingRoundTrips(String spelling) {
        Cidr cidr = Cidr.parse(spelling);

        assertThat(Cidr.parse(cidr.toString())).isEqualTo(cidr);
        assertThat(Cidr.parse(cidr.toString()).toString()).isEqualTo(cidr.toString());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "::ffff:127.0.0.1",
                "::FFFF:7f00:1",
                "0:0:0:0:0:ffff:127.0.0.1/128",
                "::ffff:10.0.0.0/104",
                "::ffff:0.0.0.0/96"
            })
    void ipv4MappedSpellingsAreRefusedWithTheReason(String spelling) {
        assertThatThrownBy(() -> Cidr.parse(spelling))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IPv4-mapped");
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
