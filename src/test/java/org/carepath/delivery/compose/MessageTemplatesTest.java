package org.carepath.delivery.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

class MessageTemplatesTest {

    private final MessageTemplates templates =
            new MessageTemplates(new DefaultResourceLoader(), "classpath:/message-templates/");

    static Map<String, Object> reminder() {
        Map<String, Object> v = new HashMap<>();
        v.put("organisation", "Riverside Health");
        v.put("patientName", "Jane <b>O'Hara</b> & Co");
        v.put("appointmentDate", "12 December 2026");
        v.put("appointmentTime", "09:30");
        v.put("clinician", "Dr Patel");
        v.put("location", "Clinic 4");
        v.put("organisationPhone", "555 0100");
        return v;
    }

    @Test
    void variablesAreEscapedInHtmlButNotInText() {
        RenderedMessage m = templates.render("appointment-reminder", reminder());

        assertThat(m.subject()).isEqualTo("Appointment reminder from Riverside Health");
        assertThat(m.text()).contains("Dear Jane <b>O'Hara</b> & Co,");
        assertThat(m.html()).contains("Dear Jane &lt;b&gt;O&#39;Hara&lt;/b&gt; &amp; Co,")
                .doesNotContain("<b>O'Hara");
    }

    @Test
    void portalNoticeCarriesOnlyTheOrganisationAndTheLink() {
        RenderedMessage m = templates.render("portal-notice",
                Map.of("organisation", "Riverside Health", "portalLink", "https://portal.example.org/m/Q2x9?a=1&b=2"));

        assertThat(m.subject()).isEqualTo("You have a secure message from Riverside Health");
        assertThat(m.text()).contains("https://portal.example.org/m/Q2x9?a=1&b=2");
        assertThat(m.html()).contains("href=\"https://portal.example.org/m/Q2x9?a&#x3D;1&amp;b&#x3D;2\"");
    }

    @Test
    void aMissingVariableNamesTheTemplateAndTheVariableButNoValue() {
        Map<String, Object> v = reminder();
        v.remove("appointmentDate");

        assertThatThrownBy(() -> templates.render("appointment-reminder", v))
                .isInstanceOf(TemplateException.class)
                .hasMessageContaining("appointment-reminder")
                .hasMessageContaining("appointmentDate")
                .hasMessageNotContaining("Jane")
                .hasMessageNotContaining("Dr Patel")
                .hasMessageNotContaining("09:30");
    }

    @Test
    void aLineBreakInASubjectVariableIsRefused() {
        for (String evil : new String[] {"Riverside\r\nBcc: all@example.org", "Riverside\nBcc: x@example.org", "A\rB"}) {
            Map<String, Object> v = reminder();
            v.put("organisation", evil);

            assertThatThrownBy(() -> templates.render("appointment-reminder", v))
                    .isInstanceOf(HeaderInjectionException.class)
                    .hasMessageContaining("organisation")
                    .hasMessageNotContaining("Bcc")
                    .hasMessageNotContaining("Riverside");
        }
    }

    @Test
    void aLineBreakInABodyOnlyVariableIsFine() {
        Map<String, Object> v = reminder();
        v.put("location", "Clinic 4\nSecond floor");

        assertThat(templates.render("appointment-reminder", v).text()).contains("Clinic 4\nSecond floor");
    }

    @Test
    void templatesComeFromTheConfiguredFolderAndAreCompiledOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path root)
            throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(root.resolve("lab-result-ready"));
        java.nio.file.Files.writeString(folder.resolve("subject.mustache"), "Results ready at {{organisation}}\n");
        java.nio.file.Files.writeString(folder.resolve("body.txt.mustache"), "See {{portalLink}}");
        java.nio.file.Files.writeString(folder.resolve("body.html.mustache"), "<a href=\"{{portalLink}}\">See</a>");
        MessageTemplates fromFolder = new MessageTemplates(new DefaultResourceLoader(), root.toUri().toString());
        Map<String, Object> v = Map.of("organisation", "R", "portalLink", "https://p/x");

        assertThat(fromFolder.render("lab-result-ready", v).subject()).isEqualTo("Results ready at R");
        java.nio.file.Files.writeString(folder.resolve("subject.mustache"), "Changed {{organisation}}");
        assertThat(fromFolder.render("lab-result-ready", v).subject()).isEqualTo("Results ready at R");
    }

    @Test
    void templateNamesCannotLeaveTheRoot() {
        assertThatThrownBy(() -> templates.render("../secrets", reminder())).isInstanceOf(TemplateException.class);
        assertThatThrownBy(() -> templates.render("no-such-template", reminder()))
                .isInstanceOf(TemplateException.class).hasMessageContaining("no-such-template");
    }
}
