package org.carepath.delivery.transport;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.carepath.delivery.catcher.MailCatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the embedded default's mail to the built-in catcher: when no routes are configured and a catcher
 * runs, every domain ({@code *}) goes to it, and its certificate is trusted besides the configured CAs, so
 * the hop is verified TLS in earnest (chain and host name), not a hop that skips the check. With routes
 * configured the catcher is left alone: configured routes always win.
 */
final class CatcherRoute {

    private static final Logger log = LoggerFactory.getLogger(CatcherRoute.class);
    private static final String ALIAS = "carepath-mail-catcher";

    private CatcherRoute() {
    }

    /** The catcher, when it is where the mail goes; null otherwise. */
    static MailCatcher routed(String configuredRoutes, MailCatcher catcher) {
        if (catcher == null) {
            return null;
        }
        return configuredRoutes.isBlank() ? catcher : null;
    }

    /** The routes to use: the configured ones, or everything to the catcher. */
    static String routes(String configuredRoutes, MailCatcher catcher) {
        MailCatcher routed = routed(configuredRoutes, catcher);
        if (routed == null) {
            if (catcher != null) {
                log.info("Mail catcher runs but receives no carepath mail: carepath.delivery.routes is set");
            }
            return configuredRoutes;
        }
        log.warn("All mail goes to the built-in mail catcher and none leaves this server; "
                + "set carepath.delivery.catcher.enabled=false to deliver by MX, or set carepath.delivery.routes");
        return SmtpRoutes.ANY_DOMAIN + "=" + routed.host() + ":" + routed.port();
    }

    /**
     * The configured trust store (null: the JDK's CAs) plus the catcher's certificate. A copy: the
     * configured store is left as it was.
     */
    static KeyStore trustStore(KeyStore configured, MailCatcher routed) {
        if (routed == null) {
            return configured;
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            if (configured != null) {
                for (String alias : Collections.list(configured.aliases())) {
                    if (configured.isCertificateEntry(alias)) {
                        trust.setCertificateEntry("configured-" + alias, configured.getCertificate(alias));
                    }
                }
            } else {
                int i = 0;
                for (Certificate ca : jdkCertificateAuthorities()) {
                    trust.setCertificateEntry("jdk-" + i++, ca);
                }
            }
            trust.setCertificateEntry(ALIAS, routed.certificate());
            return trust;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot trust the mail catcher's certificate", e);
        }
    }

    private static X509Certificate[] jdkCertificateAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
