package org.carepath.delivery.transport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

import org.carepath.delivery.catcher.MailCatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the transport from configuration:
 * {@code carepath.delivery.routes} (e.g. {@code example.org=127.0.0.1:2525,*=relay.local:25}, empty: MX),
 * {@code carepath.delivery.tls.trust-store} and {@code .trust-store-password} (a PKCS12 file of the CAs
 * trusted for verified TLS; empty: the JDK's CAs), {@code carepath.delivery.smtp.timeout} (default 30s),
 * {@code carepath.delivery.smtp.helo-name} (default: the local host name). Without routes, a running
 * {@link MailCatcher} takes all mail ({@link CatcherRoute}).
 */
@Configuration(proxyBeanMethods = false)
class SmtpTransportConfiguration {

    @Bean
    SmtpRoutes smtpRoutes(@Value("${carepath.delivery.routes:}") String routes, ObjectProvider<MailCatcher> catcher) {
        return new SmtpRoutes(CatcherRoute.routes(routes, catcher.getIfAvailable()));
    }

    @Bean(destroyMethod = "close")
    SmtpConnections smtpConnections(@Value("${carepath.delivery.tls.trust-store:}") String trustStore,
            @Value("${carepath.delivery.tls.trust-store-password:}") String password,
            @Value("${carepath.delivery.smtp.timeout:30s}") String timeout,
            @Value("${carepath.delivery.smtp.helo-name:}") String heloName,
            @Value("${carepath.delivery.routes:}") String routes, ObjectProvider<MailCatcher> catcher) {
        KeyStore trust = CatcherRoute.trustStore(trustStore(trustStore, password),
                CatcherRoute.routed(routes, catcher.getIfAvailable()));
        return new SmtpConnections(trust, DurationStyle.detectAndParse(timeout),
                heloName.isBlank() ? null : heloName);
    }

    @Bean
    SecureSmtpTransport secureSmtpTransport(SmtpConnections connections) {
        return new SecureSmtpTransport(connections);
    }

    @Bean
    SmtpDelivery smtpDelivery(SmtpRoutes routes, SecureSmtpTransport transport) {
        return new SmtpDelivery(routes, transport);
    }

    static KeyStore trustStore(String file, String password) {
        if (file.isBlank()) {
            return null;
        }
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read carepath.delivery.tls.trust-store " + file, e);
        }
    }
}
