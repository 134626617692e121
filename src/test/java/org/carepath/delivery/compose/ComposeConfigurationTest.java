package org.carepath.delivery.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class ComposeConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(ComposeConfiguration.class);

    @Test
    void withoutMailSettingsOnlyTheTemplatesExist() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(MessageTemplates.class)
                    .doesNotHaveBean(MessageComposer.class).doesNotHaveBean(DkimSigner.class);
            assertThat(context.getBean(MessageTemplates.class)
                    .render("portal-notice", java.util.Map.of("organisation", "R", "portalLink", "https://p/x")).subject())
                    .isEqualTo("You have a secure message from R");
        });
    }

    @Test
    void withMailSettingsTheComposerExists() {
        runner.withPropertyValues("carepath.mail.from=Riverside Health <care@riverside.example>",
                        "carepath.mail.domain=riverside.example",
                        "carepath.mail.unsubscribe-base=https://carepath.riverside.example",
                        "carepath.mail.unsubscribe-mailto=unsubscribe@riverside.example")
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(MessageComposer.class));
    }
}
