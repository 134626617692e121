package org.carepath.delivery.compose;

import java.time.Clock;
import java.util.Properties;

import jakarta.mail.Session;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

/**
 * The composition beans. Templates are always there (the default folder ships in the jar). The composer needs the
 * organisation's From ({@code carepath.mail.from}), and the DKIM signer its private key
 * ({@code carepath.dkim.private-key}); each exists only when configured, so a server that does not send mail yet
 * starts without them.
 */
@Configuration(proxyBeanMethods = false)
class ComposeConfiguration {

    @Bean
    MessageTemplates messageTemplates(ResourceLoader resources,
                                      @Value("${carepath.templates.dir:classpath:/message-templates/}") String root) {
        return new MessageTemplates(resources, root);
    }

    @Bean
    @ConditionalOnProperty("carepath.mail.from")
    MessageComposer messageComposer(MessageTemplates templates,
                                    @Value("${carepath.mail.from}") String from,
                                    @Value("${carepath.mail.domain}") String domain,
                                    @Value("${carepath.mail.unsubscribe-base}") String unsubscribeBase,
                                    @Value("${carepath.mail.unsubscribe-mailto}") String unsubscribeMailto) {
        // a Session only to build messages: sending has its own, with the transport's settings
        return new MessageComposer(templates, new ComposeSettings(from, domain, unsubscribeBase, unsubscribeMailto),
                Session.getInstance(new Properties()), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty("carepath.dkim.private-key")
    DkimSigner dkimSigner(@Value("${carepath.dkim.domain}") String domain,
                          @Value("${carepath.dkim.selector}") String selector,
                          @Value("${carepath.dkim.private-key}") String privateKeyPem) {
        return DkimSigner.fromPem(domain, selector, privateKeyPem, Clock.systemUTC());
    }
}
