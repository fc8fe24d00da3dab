package com.webriskops.webhooks.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Numbers on the command line: ASCII digits only, in range, else a usage error (exit 2). */
class ArgsTest {
    private static final String ARABIC_INDIC_1700000000 =
            "\u0661\u0667\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660";

    @Test
    void wholeNumbersAreAsciiDigitsInRange() {
        assertThat(Args.wholeNumber("0", 0, 10)).isZero();
        assertThat(Args.wholeNumber("10", 0, 10)).isEqualTo(10);
        assertThat(Args.wholeNumber("007", 0, 10)).isEqualTo(7);
        assertThat(Args.wholeNumber("999999999999999999", 0, Long.MAX_VALUE)).isEqualTo(999_999_999_999_999_999L);
        for (String refused : List.of(
                "",
                "11",
                "+5",
                "-0",
                " 5",
                "5 ",
                "5_0",
                "0x5",
                ARABIC_INDIC_1700000000,
                "\uff15", // fullwidth 5
                "9223372036854775807",
                "99999999999999999999")) {
            assertThat(Args.wholeNumber(refused, 0, refused.equals("11") ? 10 : Long.MAX_VALUE))
                    .as("'%s'", refused)
                    .isEqualTo(-1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "\u0665", "-1", "65536", "99999999999999999999", " 80"})
    void anOptionThatIsNotAnAsciiNumberInRangeIsAUsageError(String value) {
        Args args = Args.parse(new String[] {"--port", value}, 0, Set.of("port"), Set.of());
        assertThatThrownBy(() -> args.integer("port", -1, 0, 65_535))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("--port must be a whole number from 0 to 65535");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9223372036854775807", "+1766203200", ARABIC_INDIC_1700000000, "253402300800", "-1"})
    void verifyNowOutOfRangeOrNotAsciiExitsTwo(String now) {
        Cli.Result result = Cli.run(
                Cli.secret("whsec_long_enough_secret"), "verify", "--headers", "h", "--body", "b", "--now", now);
        assertThat(result.exit()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("--now must be Unix seconds");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+5", "\u0661", "0", "99999999999999999999"})
    void statusIdThatIsNotAnAsciiNumberExitsTwo(String id) {
        Cli.Result result =
                Cli.run(Cli.secret("whsec_long_enough_secret"), "status", "--store", "jdbc:h2:mem:args", "--id", id);
        assertThat(result.exit()).as(result.err()).isEqualTo(2);
        assertThat(result.err()).contains("--id must be a delivery id");
    }

    @Test
    void receivePortWithAPlusSignExitsTwo() {
        Cli.Result result = Cli.run(Map.of(), "receive", "--port", "+8080");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("--port must be a whole number");
    }
}
