package org.carepath.delivery.catcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The catcher runs for the zero-setup default only, unless forced on or off. */
class MailCatcherConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(MailCatcherConfiguration.class);

    @Test
    void autoStartsItOnlyWithTheEmbeddedDatabaseAndNoRoutes() {
        runner.run(context -> assertThat(context).hasSingleBean(MailCatcher.class));
        runner.withPropertyValues("carepath.delivery.routes=*=relay.example.org:25")
                .run(context -> assertThat(context).doesNotHaveBean(MailCatcher.class));
        runner.withPropertyValues("spring.datasource.url=jdbc:postgresql://db/carepath")
                .run(context -> assertThat(context).doesNotHaveBean(MailCatcher.class));
    }

    @Test
    void trueAndFalseForceIt() {
        runner.withPropertyValues("carepath.delivery.catcher.enabled=true",
                        "spring.datasource.url=jdbc:postgresql://db/carepath")
                .run(context -> assertThat(context).hasSingleBean(MailCatcher.class));
        runner.withPropertyValues("carepath.delivery.catcher.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(MailCatcher.class));
    }

    @Test
    void anyOtherValueIsRefusedByName() {
        runner.withPropertyValues("carepath.delivery.catcher.enabled=yes")
                .run(context -> assertThat(context).getFailure()
                        .hasMessageContaining("carepath.delivery.catcher.enabled must be auto, true or false"));
    }
}
