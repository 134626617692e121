package org.carepath.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DeliverySummaryTest {

    private static DeliveryRate rate(int messages, int delivered, double seconds) {
        return new DeliveryRate(messages, delivered, seconds, 1.0, 2.0);
    }

    private static String printed(DeliverySummary summary) {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        summary.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        return text.toString(StandardCharsets.UTF_8);
    }

    @Test
    void ratesCountOnlyDeliveredMessages() {
        assertThat(rate(1000, 1000, 2.0).perSecond()).isEqualTo(500.0);
        assertThat(rate(1000, 900, 2.0).perSecond()).isEqualTo(450.0);
        assertThat(rate(1000, 900, 2.0).failed()).isEqualTo(100);
        assertThat(rate(10, 0, 0).perSecond()).isZero();
    }

    @Test
    void theRatioIsTlsOverTheStockPlainLoopAndJudgedAgainstTargetAndAim() {
        DeliverySummary atAim = new DeliverySummary(1000, 4, 500, rate(1000, 1000, 2.0), rate(1000, 1000, 1.0),
                rate(1000, 1000, 2.5), null, null);
        DeliverySummary atTarget = new DeliverySummary(1000, 4, 500, rate(1000, 1000, 2.0), rate(1000, 1000, 1.0),
                rate(1000, 1000, 3.5), null, null);
        DeliverySummary below = new DeliverySummary(1000, 4, 500, rate(1000, 1000, 2.0), rate(1000, 1000, 1.0),
                rate(1000, 1000, 10.0), null, null);

        assertThat(atAim.ratio()).isCloseTo(0.8, within(1e-9));
        assertThat(atAim.ratioToTuned()).isCloseTo(0.4, within(1e-9));
        assertThat(atAim.verdict()).startsWith("meets the target (0.5) and the aim (0.7)");
        assertThat(atTarget.ratio()).isCloseTo(0.571, within(0.001));
        assertThat(atTarget.verdict()).startsWith("meets the target (0.5), below the aim");
        assertThat(below.ratio()).isCloseTo(0.2, within(1e-9));
        assertThat(below.verdict()).startsWith("BELOW the target");
        assertThat(printed(below)).contains("ratio TLS / stock plain loop: 0.20")
                .contains("ratio TLS / plain loop tuned as carepath: 0.10").contains("500.0 msgs/s")
                .contains("1,000.0 msgs/s").contains("100.0 msgs/s").doesNotContain("FAILED");
    }

    @Test
    void noRatioWithoutBothFiguresAndFailuresAreLoud() {
        DeliverySummary tlsOnly = new DeliverySummary(100, 2, 0, null, null, rate(100, 97, 1.0),
                rate(100, 100, 1.0), null);

        assertThat(tlsOnly.ratio()).isNaN();
        assertThat(tlsOnly.anyFailed()).isTrue();
        assertThat(printed(tlsOnly)).doesNotContain("ratio").contains("3 FAILED")
                .contains("SOME MESSAGES FAILED");
    }

    @Test
    void anOutboxRowCountsOnlyWhenSentDeliveredByTheExpectedPath() {
        String tls = "decision d-1 SEND path TLS; DELIVERED via 127.0.0.1:2526 reply 250 2.0.0 Ok;"
                + " TLS TLSv1.3 TLS_AES_256_GCM_SHA384 verified=true";

        assertThat(OutboxRound.problem("SENT", tls, "TLS")).isNull();
        assertThat(OutboxRound.problem("SENT", tls.replace("path TLS", "path PORTAL"), "TLS"))
                .isEqualTo("sent by path PORTAL instead of TLS");
        assertThat(OutboxRound.problem("SENT", "no path here", "TLS")).isEqualTo("sent, but the outcome names no path");
        assertThat(OutboxRound.problem("BLOCKED", "decision d-2 BLOCK", "SMIME")).startsWith("ended BLOCKED");
        assertThat(OutboxRound.problem("RETRY", null, "PGP")).isEqualTo("ended RETRY");
    }
}
