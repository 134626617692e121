package org.carepath.delivery.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

class SmtpEvidenceTest {

    @Test
    void replyTextsKeepNoAddress() {
        assertThat(DeliveryAttempt.scrub("550 5.1.1 <jane.patient@example.org>: Recipient address rejected"))
                .isEqualTo("550 5.1.1 <[address]>: Recipient address rejected");
        assertThat(DeliveryAttempt.scrub("250 2.1.5 Ok jane+x@mail.example.org\r\n"))
                .isEqualTo("250 2.1.5 Ok [address]");
        assertThat(DeliveryAttempt.scrub(null)).isNull();
    }

    @Test
    void everySocketHasNoDelayOn() throws Exception {
        try (Socket plain = new NoDelaySocketFactory().createSocket()) {
            assertThat(plain.getTcpNoDelay()).isTrue();
        }
        TlsEvidenceSocketFactory tls = new TlsEvidenceSocketFactory(SSLContext.getDefault().getSocketFactory(),
                SmtpConnections.TLS_PROTOCOLS);
        try (Socket secure = tls.createSocket()) {
            assertThat(secure.getTcpNoDelay()).isTrue();
        }
    }
}
