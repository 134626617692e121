package org.carepath.delivery.catcher;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts the mail catcher, on {@code carepath.delivery.catcher.port} (0: any free port), when
 * {@code carepath.delivery.catcher.enabled} is {@code true}, or when it is {@code auto} (the default) and
 * carepath runs as the zero-setup default: its own embedded PostgreSQL (no {@code spring.datasource.url}) and
 * no {@code carepath.delivery.routes}. A server given a real database delivers for real unless told otherwise.
 * Whether the catcher receives carepath's mail is the transport's choice: it becomes the {@code *} route only
 * when no routes are set.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(MailCatcherConfiguration.Wanted.class)
class MailCatcherConfiguration {

    static class Wanted implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String enabled = context.getEnvironment().getProperty("carepath.delivery.catcher.enabled", "auto").strip();
            return switch (enabled) {
                case "true" -> true;
                case "false" -> false;
                case "auto" -> blank(context.getEnvironment().getProperty("spring.datasource.url"))
                        && blank(context.getEnvironment().getProperty("carepath.delivery.routes"));
                default -> throw new IllegalArgumentException(
                        "carepath.delivery.catcher.enabled must be auto, true or false, not '" + enabled + "'");
            };
        }

        private static boolean blank(String value) {
            return value == null || value.isBlank();
        }
    }

    static final int MAX_CONNECTIONS = 16;
    static final int MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
    static final int MAX_MESSAGES = 500;
    static final long MAX_KEPT_BYTES = 100L * 1024 * 1024;

    @Bean(destroyMethod = "close")
    MailCatcher mailCatcher(@Value("${carepath.delivery.catcher.port:0}") int port) {
        return new MailCatcher(port, MAX_CONNECTIONS, MAX_MESSAGE_BYTES, MAX_MESSAGES, MAX_KEPT_BYTES).start();
    }
}
