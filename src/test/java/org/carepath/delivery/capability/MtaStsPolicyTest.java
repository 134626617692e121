package org.carepath.delivery.capability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class MtaStsPolicyTest {

    /** The example policy of RFC 8461 3.2. */
    private static final String RFC_EXAMPLE = """
            version: STSv1
            mode: enforce
            mx: mail.example.com
            mx: *.example.net
            mx: backupmx.example.com
            max_age: 604800
            """;

    @Test
    void parsesTheRfcExample() {
        MtaStsPolicy policy = MtaStsPolicy.parse(RFC_EXAMPLE.replace("\n", "\r\n"));
        assertThat(policy.mode()).isEqualTo(MtaStsPolicy.Mode.ENFORCE);
        assertThat(policy.mxPatterns()).containsExactly("mail.example.com", "*.example.net", "backupmx.example.com");
        assertThat(policy.maxAge()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void aWildcardReplacesOnlyTheLeftmostLabel() {
        MtaStsPolicy policy = MtaStsPolicy.parse(RFC_EXAMPLE);
        assertThat(policy.allows("mail.example.com")).isTrue();
        assertThat(policy.allows("MAIL.Example.COM.")).isTrue();
        assertThat(policy.allows("mx1.example.net")).isTrue();
        assertThat(policy.allows("example.net")).isFalse();
        assertThat(policy.allows("a.b.example.net")).isFalse();
        assertThat(policy.allows("mail.example.org")).isFalse();
    }

    @Test
    void maxAgeIsCappedAtOneYearAndUnknownFieldsAreIgnored() {
        MtaStsPolicy policy = MtaStsPolicy.parse("version: STSv1\nmode: testing\nmx: mx.example.org\n"
                + "max_age: 99999999\nextension: anything\n");
        assertThat(policy.maxAge()).isEqualTo(Duration.ofSeconds(31_557_600));
        assertThat(policy.mode()).isEqualTo(MtaStsPolicy.Mode.TESTING);
    }

    @Test
    void invalidPoliciesSayWhy() {
        assertThatThrownBy(() -> MtaStsPolicy.parse("version: STSv2\nmode: enforce\nmx: a\nmax_age: 1"))
                .hasMessage("invalid MTA-STS policy: version must be STSv1");
        assertThatThrownBy(() -> MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmax_age: 1"))
                .hasMessage("invalid MTA-STS policy: a policy in mode ENFORCE must list mx hosts");
        assertThatThrownBy(() -> MtaStsPolicy.parse("version: STSv1\nmode: always\nmx: a\nmax_age: 1"))
                .hasMessage("invalid MTA-STS policy: unknown mode");
        assertThatThrownBy(() -> MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: soon"))
                .hasMessage("invalid MTA-STS policy: max_age must be a number of seconds");
        assertThat(MtaStsPolicy.parse("version: STSv1\nmode: none\nmax_age: 86400").mxPatterns()).isEmpty();
    }
}
