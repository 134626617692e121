package org.carepath.delivery.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;

class MessageComposerTest {

    static final Session SESSION = Session.getInstance(new Properties());
    static final ComposeSettings SETTINGS = new ComposeSettings("Riverside Health <care@riverside.example>",
            "riverside.example", "https://carepath.riverside.example", "unsubscribe@riverside.example");
    static final String TOKEN = "q7Xb2kR9mT4vN8pL1sD6fG3h";

    static MessageComposer composer() {
        return new MessageComposer(new MessageTemplates(new DefaultResourceLoader(), "classpath:/message-templates/"),
                SETTINGS, SESSION, Clock.fixed(Instant.parse("2026-12-04T21:00:00Z"), ZoneOffset.UTC));
    }

    private final MessageComposer composer = composer();
    private final IdempotencyKey key = new IdempotencyKey("journey-7f3a", "send-reminder", "jane@example.org");

    @Test
    void theSameKeyGivesTheSameMessageIdAndAnotherKeyAnother() throws Exception {
        String first = composer.compose(reminder(key)).getMessageID();
        String again = composer.compose(reminder(new IdempotencyKey("journey-7f3a", "send-reminder", "Jane@Example.org")))
                .getMessageID();

        assertThat(first).matches("<[0-9a-f]{32}@riverside\\.example>").isEqualTo(again);
        assertThat(composer.compose(reminder(new IdempotencyKey("journey-7f3a", "send-reminder-2", "jane@example.org")))
                .getMessageID()).isNotEqualTo(first);
        assertThat(composer.compose(reminder(new IdempotencyKey("journey-7f3b", "send-reminder", "jane@example.org")))
                .getMessageID()).isNotEqualTo(first);
        assertThat(composer.compose(reminder(new IdempotencyKey("journey-7f3a", "send-reminder", "john@example.org")))
                .getMessageID()).isNotEqualTo(first).doesNotContain("john");
        // length-prefixed parts: moving a character from one part to the next is another key
        assertThat(MessageIds.of(new IdempotencyKey("a:b", "c", "x@y.z"), "d"))
                .isNotEqualTo(MessageIds.of(new IdempotencyKey("a", "b:c", "x@y.z"), "d"));
    }

    @Test
    void theMessageIdSurvivesSaveChangesAndAReparse() throws Exception {
        MimeMessage message = composer.compose(reminder(key));
        String id = message.getMessageID();

        message.setSubject("changed");
        message.saveChanges();
        assertThat(message.getMessageID()).isEqualTo(id);
        assertThat(reparse(message).getMessageID()).isEqualTo(id);
    }

    @Test
    void unsubscribeHeadersOnlyForMarketing() throws Exception {
        MimeMessage reminder = composer.compose(reminder(key));
        assertThat(reminder.getHeader("List-Unsubscribe")).isNull();
        assertThat(reminder.getHeader("List-Unsubscribe-Post")).isNull();

        MimeMessage marketing = composer.compose(MessageRequest.marketing("portal-notice", portalVariables(), key,
                new Unsubscribe(TOKEN)));
        assertThat(marketing.getHeader("List-Unsubscribe", null)).isEqualTo(
                "<https://carepath.riverside.example/u/" + TOKEN + ">, "
                        + "<mailto:unsubscribe@riverside.example?subject=unsubscribe-" + TOKEN + ">");
        assertThat(marketing.getHeader("List-Unsubscribe-Post", null)).isEqualTo("List-Unsubscribe=One-Click");
    }

    @Test
    void unsubscribeTokensMustLookOpaque() {
        for (String bad : new String[] {"jane@example.org", "short", "statin adherence 2026", "a\r\nBcc: x@y.z-long-enough"}) {
            assertThatThrownBy(() -> new Unsubscribe(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining(bad);
        }
    }

    @Test
    void theMessageParsesBackIntoTextAndHtmlParts() throws Exception {
        MimeMessage parsed = reparse(composer.compose(reminder(key)));

        assertThat(parsed.getFrom()[0].toString()).isEqualTo("Riverside Health <care@riverside.example>");
        assertThat(parsed.getAllRecipients()).hasSize(1);
        assertThat(parsed.getAllRecipients()[0].toString()).isEqualTo("jane@example.org");
        assertThat(parsed.getSubject()).isEqualTo("Appointment reminder from Riverside Health");
        assertThat(parsed.getSentDate().toInstant()).isEqualTo(Instant.parse("2026-12-04T21:00:00Z"));
        assertThat(parsed.getContentType()).startsWith("multipart/alternative");

        Multipart parts = (Multipart) parsed.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        Part text = parts.getBodyPart(0);
        Part html = parts.getBodyPart(1);
        assertThat(text.getContentType()).isEqualToIgnoringCase("text/plain; charset=UTF-8");
        assertThat(html.getContentType()).isEqualToIgnoringCase("text/html; charset=UTF-8");
        assertThat(text.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat(html.getHeader("Content-Transfer-Encoding")).containsExactly("quoted-printable");
        assertThat((String) text.getContent()).contains("Dear Zoë <O'Hara>,");
        assertThat((String) html.getContent()).contains("Dear Zoë &lt;O&#39;Hara&gt;,");
    }

    @Test
    void nothingInAVariableOrARecipientCanAddAHeaderOrARecipient() {
        Map<String, Object> variables = reminderVariables();
        variables.put("organisation", "Riverside\r\nBcc: everyone@example.org");
        assertThatThrownBy(() -> composer.compose(MessageRequest.transactional("appointment-reminder", variables, key)))
                .isInstanceOf(HeaderInjectionException.class).hasMessageNotContaining("everyone");

        for (String to : new String[] {"jane@example.org\r\nBcc: x@example.org", "jane@example.org, john@example.org",
                "friends: jane@example.org, john@example.org;"}) {
            assertThatThrownBy(() -> composer.compose(reminder(new IdempotencyKey("j", "s", to))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageNotContaining("jane").hasMessageNotContaining("john");
        }
    }

    static MessageRequest reminder(IdempotencyKey key) {
        return MessageRequest.transactional("appointment-reminder", reminderVariables(), key);
    }

    static Map<String, Object> reminderVariables() {
        Map<String, Object> v = MessageTemplatesTest.reminder();
        v.put("patientName", "Zoë <O'Hara>");
        return v;
    }

    static Map<String, Object> portalVariables() {
        return Map.of("organisation", "Riverside Health", "portalLink", "https://portal.riverside.example/m/Xk2p9");
    }

    static MimeMessage reparse(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return new MimeMessage(SESSION, new ByteArrayInputStream(out.toByteArray()));
    }

    static String serialized(MimeMessage message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
