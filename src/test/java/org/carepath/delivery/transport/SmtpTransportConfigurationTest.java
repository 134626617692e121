package org.carepath.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SmtpTransportConfigurationTest {

    @Test
    void routesAndTrustStoreComeFromConfiguration(@TempDir Path dir) throws Exception {
        Path trustStore = dir.resolve("ca.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            new TestCertificates("CN=configured CA").trustStore().store(out, "secret".toCharArray());
        }
        new ApplicationContextRunner().withUserConfiguration(SmtpTransportConfiguration.class)
                .withPropertyValues("carepath.delivery.routes=example.org=127.0.0.1:2525,*=relay.local:25",
                        "carepath.delivery.tls.trust-store=" + trustStore,
                        "carepath.delivery.tls.trust-store-password=secret",
                        "carepath.delivery.smtp.timeout=5s")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(SecureSmtpTransport.class);
                    SmtpRoutes routes = context.getBean(SmtpRoutes.class);
                    assertThat(routes.configured("example.org")).contains(new SmtpHost("127.0.0.1", 2525));
                    assertThat(routes.configured("else.example")).contains(new SmtpHost("relay.local", 25));
                });
    }

    @Test
    void withNothingConfiguredItStartsWithDnsRoutingAndTheJdkCas() {
        new ApplicationContextRunner().withUserConfiguration(SmtpTransportConfiguration.class)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(SmtpRoutes.class).configured("example.org")).isEmpty();
                });
    }
}
