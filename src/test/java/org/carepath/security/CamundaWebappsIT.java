package org.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.carepath.HeadlessChromium;
import org.carepath.ServerTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Cockpit, Tasklist and Admin are JavaScript applications: only a real browser shows that they render after
 * carepath's login form (Camunda's own login is replaced by Spring Security's, handed over by
 * {@link CamundaAuthenticationFilters}).
 */
class CamundaWebappsIT extends ServerTest {

    @Test
    void afterLoginCockpitTasklistAndAdminRender() {
        try (HeadlessChromium browser = new HeadlessChromium("http://localhost:" + port)) {
            browser.open("/camunda/app/cockpit/default/");
            assertThat(browser.path()).as("an anonymous browser is sent to log in").startsWith("/login");
            browser.logIn("admin", ADMIN_PASSWORD);

            browser.open("/camunda/app/cockpit/default/");
            // the dashboard's statistics are drawn by Cockpit's scripts from the engine's REST API
            browser.await(d -> d.findElements(By.cssSelector(".stats-label")).stream()
                    .anyMatch(e -> e.getText().contains("Process Definitions")) ? true : null);
            assertThat(browser.driver().getTitle()).startsWith("Camunda Cockpit");

            browser.open("/camunda/app/tasklist/default/");
            browser.await(By.cssSelector("section.task-filters"));
            browser.await(By.cssSelector("section.tasks-list"));
            assertThat(browser.driver().getTitle()).startsWith("Camunda Tasklist");

            browser.open("/camunda/app/admin/default/");
            assertThat(browser.await(By.cssSelector("h1.section-title a[href='#/users']")).getText()).isEqualTo("Users");
            assertThat(browser.driver().getTitle()).startsWith("Camunda Admin");
        }
    }
}
