package org.carepath.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyStore;

import org.carepath.delivery.catcher.MailCatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CatcherRouteTest {

    private final MailCatcher catcher = new MailCatcher(0, 1, 1024, 1, 1024).start();

    @AfterEach
    void stop() {
        catcher.close();
    }

    @Test
    void withoutRoutesAllMailGoesToTheCatcher() throws Exception {
        SmtpRoutes routes = new SmtpRoutes(CatcherRoute.routes("", catcher));
        assertThat(routes.hosts("example.org")).containsExactly(new SmtpHost("localhost", catcher.port()));
    }

    @Test
    void configuredRoutesWinAndTheCatcherIsNotTrusted() throws Exception {
        assertThat(CatcherRoute.routes("*=relay.example:25", catcher)).isEqualTo("*=relay.example:25");
        assertThat(CatcherRoute.routed("*=relay.example:25", catcher)).isNull();
        assertThat(CatcherRoute.trustStore(null, CatcherRoute.routed("*=relay.example:25", catcher))).isNull();
        assertThat(CatcherRoute.routes("", null)).isEmpty();
    }

    @Test
    void theCatcherIsTrustedBesidesTheJdksOrTheConfiguredCertificateAuthorities() throws Exception {
        KeyStore withJdk = CatcherRoute.trustStore(null, catcher);
        assertThat(withJdk.getCertificateAlias(catcher.certificate())).isNotNull();
        assertThat(withJdk.size()).as("the JDK's CAs are still trusted").isGreaterThan(10);

        TestCertificates ca = new TestCertificates("CN=Test CA");
        KeyStore configured = ca.trustStore();
        KeyStore withConfigured = CatcherRoute.trustStore(configured, catcher);
        assertThat(withConfigured.getCertificateAlias(ca.ca)).isNotNull();
        assertThat(withConfigured.getCertificateAlias(catcher.certificate())).isNotNull();
        assertThat(withConfigured.size()).isEqualTo(2);
        assertThat(configured.size()).as("the configured store is left alone").isEqualTo(1);
    }
}
