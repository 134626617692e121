package org.carepath.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class SmtpRoutesTest {

    @Test
    void aConfiguredDomainGoesToItsRouteAndEveryOtherToTheStarRoute() {
        SmtpRoutes routes = new SmtpRoutes("example.org=127.0.0.1:2525, *=relay.local:25");

        assertThat(routes.configured("example.org")).contains(new SmtpHost("127.0.0.1", 2525));
        assertThat(routes.configured("EXAMPLE.ORG")).contains(new SmtpHost("127.0.0.1", 2525));
        assertThat(routes.configured("other.example")).contains(new SmtpHost("relay.local", 25));
    }

    @Test
    void withoutAStarRouteAnUnknownDomainIsLeftToDns() {
        SmtpRoutes routes = new SmtpRoutes("example.org=mx.example.org");

        assertThat(routes.configured("example.org")).contains(new SmtpHost("mx.example.org", 25));
        assertThat(routes.configured("other.example")).isEmpty();
        assertThat(new SmtpRoutes("").configured("example.org")).isEmpty();
        assertThat(new SmtpRoutes(null).configured("example.org")).isEmpty();
    }

    @Test
    void malformedRoutesAreRefusedWithTheEntryNamed() {
        assertThatThrownBy(() -> new SmtpRoutes("example.org"))
                .hasMessageContaining("'example.org' is not domain=host:port");
        assertThatThrownBy(() -> new SmtpRoutes("example.org=mx:port")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> new SmtpRoutes("example.org=mx:70000")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> new SmtpRoutes("a.org=x:25,A.org=y:25")).hasMessageContaining("routed twice");
    }

    @Test
    void mxRecordsAreTriedInPreferenceOrderWithoutTheTrailingDot() {
        List<SmtpHost> hosts = MxRecords.hosts(List.of("20 backup.example.org.", "10 mx1.example.org.",
                "10 mx2.example.org.", "5 primary.example.org"));

        assertThat(hosts).extracting(SmtpHost::host)
                .containsExactly("primary.example.org", "mx1.example.org", "mx2.example.org", "backup.example.org");
        assertThat(hosts).extracting(SmtpHost::port).containsOnly(25);
    }

    @Test
    void aNullMxMeansNoHostAndMalformedRecordsAreSkipped() {
        assertThat(MxRecords.hosts(List.of("0 ."))).isEmpty();
        assertThat(MxRecords.hosts(List.of("ten mx.example.org.", "10", "10 mx.example.org.")))
                .containsExactly(new SmtpHost("mx.example.org", 25));
    }
}
