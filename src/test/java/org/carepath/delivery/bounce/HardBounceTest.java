package org.carepath.delivery.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HardBounceTest {

    @Test
    void addressingStatusesCondemnTheAddress() {
        assertThat(HardBounce.ofStatus("5.1.1")).contains(new HardBounce("NO_SUCH_ADDRESS", "5.1.1"));
        assertThat(HardBounce.ofStatus("5.1.10")).contains(new HardBounce("NO_SUCH_ADDRESS", "5.1.10"));
        assertThat(HardBounce.ofStatus("5.2.1")).contains(new HardBounce("MAILBOX_DISABLED", "5.2.1"));
    }

    @Test
    void otherStatusesDoNot() {
        assertThat(HardBounce.ofStatus("5.7.1")).isEmpty(); // policy: the next message may pass
        assertThat(HardBounce.ofStatus("5.2.2")).isEmpty(); // mailbox full
        assertThat(HardBounce.ofStatus("4.1.1")).isEmpty(); // temporary
        assertThat(HardBounce.ofStatus(null)).isEmpty();
    }

    @Test
    void smtpRepliesUseTheEnhancedStatusWhenThereIsOne() {
        assertThat(HardBounce.ofSmtpReply(550, "5.1.1 [address]: Recipient address rejected"))
                .contains(new HardBounce("NO_SUCH_ADDRESS", "5.1.1"));
        assertThat(HardBounce.ofSmtpReply(550, "5.7.1 Message rejected as spam")).isEmpty();
        assertThat(HardBounce.ofSmtpReply(550, "Requested action not taken: mailbox unavailable"))
                .contains(new HardBounce("NO_SUCH_ADDRESS", "550"));
        assertThat(HardBounce.ofSmtpReply(554, "Transaction failed")).isEmpty();
        assertThat(HardBounce.ofSmtpReply(450, "4.2.0 try later")).isEmpty();
    }
}
