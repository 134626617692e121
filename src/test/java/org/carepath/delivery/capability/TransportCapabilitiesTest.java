package org.carepath.delivery.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.naming.NamingException;

import org.carepath.compliance.MtaSts;
import org.carepath.compliance.Transport;
import org.carepath.delivery.transport.DeliveryAttempt;
import org.carepath.delivery.transport.SmtpHost;
import org.carepath.delivery.transport.TlsProbe;
import org.junit.jupiter.api.Test;

class TransportCapabilitiesTest {

    private static final SmtpHost MX1 = new SmtpHost("mx1.clinic-mail.example", 25);
    private static final SmtpHost MX2 = new SmtpHost("mx2.clinic-mail.example", 25);
    private static final TlsProbe VERIFIED = new TlsProbe(true, true, "TLSv1.3", true, null);

    private Instant now = Instant.parse("2026-12-04T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final List<SmtpHost> probed = new ArrayList<>();
    private final List<String> policiesFetched = new ArrayList<>();

    private TransportCapabilities capabilities(Map<SmtpHost, TlsProbe> probes, Optional<MtaStsPolicy> policy,
                                               boolean routed) {
        return new TransportCapabilities(domain -> List.of(MX1, MX2), domain -> routed, host -> {
            probed.add(host);
            return probes.getOrDefault(host, new TlsProbe(false, false, null, false, null));
        }, domain -> {
            policiesFetched.add(domain);
            return policy;
        }, clock);
    }

    @Test
    void theBestReachableServerIsProbedOnceAndRememberedForSixHours() {
        TransportCapabilities capabilities = capabilities(Map.of(MX2, VERIFIED), Optional.empty(), false);
        Transport transport = capabilities.of("Clinic-Mail.example");
        assertThat(transport).isEqualTo(new Transport(true, "TLSv1.3", true, MtaSts.NONE, null));
        assertThat(probed).containsExactly(MX1, MX2); // MX1 did not answer
        capabilities.of("clinic-mail.example");
        now = now.plus(Duration.ofHours(5));
        capabilities.of("clinic-mail.example");
        assertThat(probed).hasSize(2);
        now = now.plus(Duration.ofHours(2));
        capabilities.of("clinic-mail.example");
        assertThat(probed).hasSize(4);
    }

    @Test
    void aServerWithoutStartTlsOrWithABadCertificateIsWhatTheRulesSee() {
        TlsProbe noStarttls = new TlsProbe(true, false, null, false, DeliveryAttempt.TlsProblem.NO_STARTTLS);
        assertThat(capabilities(Map.of(MX1, noStarttls), Optional.empty(), false).of("a.example"))
                .isEqualTo(new Transport(false, null, false, MtaSts.NONE, null));
        TlsProbe selfSigned = new TlsProbe(true, true, null, false,
                DeliveryAttempt.TlsProblem.CERTIFICATE_NOT_TRUSTED);
        assertThat(capabilities(Map.of(MX1, selfSigned), Optional.empty(), false).of("b.example"))
                .isEqualTo(new Transport(true, null, false, MtaSts.NONE, null));
    }

    @Test
    void noReachableServerIsNotRememberedAndPresumedToTakeVerifiedTls() {
        TransportCapabilities capabilities = capabilities(Map.of(), Optional.empty(), false);
        assertThat(capabilities.of("down.example")).isEqualTo(TransportCapabilities.PRESUMED);
        capabilities.of("down.example");
        assertThat(probed).hasSize(4); // asked again: nothing was learnt
    }

    @Test
    void aSendThatFindsTlsImpossibleOverridesWhatTheProbeSaw() {
        TransportCapabilities capabilities = capabilities(Map.of(MX1, VERIFIED), Optional.empty(), false);
        capabilities.of("flaky.example");
        capabilities.learn("flaky.example", DeliveryAttempt.TlsProblem.HOST_NAME_MISMATCH);
        assertThat(capabilities.of("flaky.example")).isEqualTo(new Transport(true, null, false, MtaSts.NONE, null));
        assertThat(probed).hasSize(1);
    }

    @Test
    void anEnforcedMtaStsPolicyThatDoesNotListTheServerDeniesVerifiedTls() {
        MtaStsPolicy listsOther = MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: *.other.example\nmax_age: 86400\n");
        TransportCapabilities capabilities = capabilities(Map.of(MX1, VERIFIED), Optional.of(listsOther), false);
        assertThat(capabilities.of("sts.example")).isEqualTo(new Transport(true, "TLSv1.3", false, MtaSts.ENFORCE,
                null));

        MtaStsPolicy listsOurs = MtaStsPolicy.parse("version: STSv1\nmode: enforce\nmx: *.clinic-mail.example\nmax_age: 86400\n");
        assertThat(capabilities(Map.of(MX1, VERIFIED), Optional.of(listsOurs), false).of("sts2.example"))
                .isEqualTo(new Transport(true, "TLSv1.3", true, MtaSts.ENFORCE, null));
    }

    @Test
    void thePolicyIsCachedForItsMaxAgeAndRoutedDomainsHaveNone() {
        MtaStsPolicy testing = MtaStsPolicy.parse("version: STSv1\nmode: testing\nmx: *.clinic-mail.example\nmax_age: 604800\n");
        TransportCapabilities capabilities = capabilities(Map.of(MX1, VERIFIED), Optional.of(testing), false);
        assertThat(capabilities.of("cached.example").mtaSts()).isEqualTo(MtaSts.TESTING);
        now = now.plus(Duration.ofDays(1)); // the probe expired, the policy (7 days) did not
        capabilities.of("cached.example");
        assertThat(policiesFetched).containsExactly("cached.example");
        now = now.plus(Duration.ofDays(7));
        capabilities.of("cached.example");
        assertThat(policiesFetched).hasSize(2);

        TransportCapabilities routed = capabilities(Map.of(MX1, VERIFIED), Optional.of(testing), true);
        assertThat(routed.of("relay.example").mtaSts()).isEqualTo(MtaSts.NONE);
        assertThat(policiesFetched).hasSize(2);
    }

    @Test
    void dnsTroubleIsNotRemembered() {
        TransportCapabilities capabilities = new TransportCapabilities(domain -> {
            throw new NamingException("timeout");
        }, domain -> false, host -> VERIFIED, domain -> Optional.empty(), clock);
        assertThat(capabilities.of("nodns.example")).isEqualTo(TransportCapabilities.PRESUMED);
    }
}
