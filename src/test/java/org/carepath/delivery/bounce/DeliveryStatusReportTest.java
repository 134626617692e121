package org.carepath.delivery.bounce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DeliveryStatusReportTest {

    private static DeliveryStatusReport parse(String raw) throws InvalidReportException {
        return DeliveryStatusReport.parse(raw.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void readsTheRecipientBlockAndTheReturnedMessageId() throws Exception {
        DeliveryStatusReport report = parse(DeliveryStatusReports.postfix("gone@bounce.example", "failed", "5.1.1",
                "<step-1.j-9@riverside-clinic.example>"));
        assertThat(report.recipients()).containsExactly(
                new DeliveryStatusReport.RecipientStatus("gone@bounce.example", "failed", "5.1.1"));
        assertThat(report.recipients().get(0).failed()).isTrue();
        assertThat(report.originalMessageId()).contains("<step-1.j-9@riverside-clinic.example>");
    }

    @Test
    void aDelayIsNotAFailure() throws Exception {
        DeliveryStatusReport report = parse(DeliveryStatusReports.postfix("slow@bounce.example", "Delayed", "4.4.1",
                "<a@b>"));
        assertThat(report.recipients().get(0).failed()).isFalse();
        assertThat(report.recipients().get(0).action()).isEqualTo("delayed");
    }

    @Test
    void severalRecipientBlocksAreAllRead() throws Exception {
        String two = DeliveryStatusReports.postfix("one@bounce.example", "failed", "5.1.1", "<a@b>")
                .replace("Diagnostic-Code: smtp; 550 5.1.1 <one@bounce.example>: Recipient address rejected: User unknown\r\n",
                        "\r\nFinal-Recipient: rfc822; two@bounce.example\r\nAction: failed\r\nStatus: 5.2.1\r\n");
        assertThat(parse(two).recipients()).extracting(DeliveryStatusReport.RecipientStatus::finalRecipient)
                .containsExactly("one@bounce.example", "two@bounce.example");
    }

    @Test
    void aMailThatIsNoReportIsRefused() {
        assertThatThrownBy(() -> parse("From: a@b\r\nSubject: hello\r\n\r\nhi\r\n"))
                .isInstanceOf(InvalidReportException.class).hasMessageContaining("multipart/report");
        String noStatus = DeliveryStatusReports.postfix("x@y", "failed", "5.1.1", "<a@b>")
                .replace("message/delivery-status", "text/plain");
        assertThatThrownBy(() -> parse(noStatus)).isInstanceOf(InvalidReportException.class)
                .hasMessageContaining("no message/delivery-status part");
    }
}
