package org.carepath.delivery.catcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class CaughtMailTest {

    @Test
    void keepsTheNewestWithinTheCount() {
        CaughtMail mail = new CaughtMail(3, 1 << 20);
        for (int i = 0; i < 5; i++) {
            mail.add(message(mail.nextId(), 10));
        }
        assertThat(mail.list()).extracting(CaughtMessage::id).containsExactly(5L, 4L, 3L);
        assertThat(mail.find(1)).isEmpty();
        assertThat(mail.find(4)).isPresent();
    }

    @Test
    void keepsTheNewestWithinTheBytes() {
        CaughtMail mail = new CaughtMail(100, 250);
        for (int i = 0; i < 4; i++) {
            mail.add(message(mail.nextId(), 100));
        }
        assertThat(mail.list()).extracting(CaughtMessage::id).containsExactly(4L, 3L);
    }

    @Test
    void readsTheHeadersAnOperatorLooksFor() {
        CaughtMessage message = CaughtMessage.of(1, Instant.now(), "a@example.org", List.of("b@example.org"),
                "TLSv1.3", "TLS_AES_256_GCM_SHA384", ("Message-ID: <x@y>\r\nSubject: hello\r\n world\r\n"
                        + "Content-Type: application/pkcs7-mime; smime-type=enveloped-data;\r\n name=smime.p7m\r\n\r\n"
                        + "MIAGCSqGSIb3DQEHA6CAMIACAQAx\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(message.subject()).isEqualTo("hello world");
        assertThat(message.messageId()).isEqualTo("<x@y>");
        assertThat(message.mediaType()).isEqualTo("application/pkcs7-mime");
        assertThat(ReadableText.encrypted(message)).isTrue();
        assertThat(ReadableText.of(message)).isEmpty();
    }

    private static CaughtMessage message(long id, int size) {
        return CaughtMessage.of(id, Instant.now(), "a@example.org", List.of("b@example.org"), "TLSv1.3", "c",
                new byte[size]);
    }
}
