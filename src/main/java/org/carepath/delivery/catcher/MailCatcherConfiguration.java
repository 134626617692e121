package org.carepath.delivery.catcher;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the mail catcher when {@code carepath.delivery.catcher.enabled} is true (the embedded default), on
 * {@code carepath.delivery.catcher.port} (0: any free port). Whether it receives carepath's mail is the
 * transport's choice: it becomes the {@code *} route only when no {@code carepath.delivery.routes} are set.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "carepath.delivery.catcher.enabled", havingValue = "true")
class MailCatcherConfiguration {

    static final int MAX_CONNECTIONS = 16;
    static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
    static final int MAX_MESSAGES = 500;
    static final long MAX_KEPT_BYTES = 100L * 1024 * 1024;

    @Bean(destroyMethod = "close")
    MailCatcher mailCatcher(@Value("${carepath.delivery.catcher.port:0}") int port) {
        return new MailCatcher(port, MAX_CONNECTIONS, MAX_MESSAGE_BYTES, MAX_MESSAGES, MAX_KEPT_BYTES).start();
    }
}
