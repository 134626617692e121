package org.carepath.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.carepath.ServerTest;
import org.carepath.platform.FieldCipher;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class PortalInboxIT extends ServerTest {

    private static final byte[] MESSAGE = "Subject: Your results\r\n\r\nYour HbA1c is 7.2%".getBytes(
            StandardCharsets.US_ASCII);

    @Autowired
    FieldCipher cipher;

    private PortalInbox inboxAt(Instant now) {
        return new PortalInbox(jdbc, cipher, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aLinkOpensItsMessageOnceAndTheTableAloneOpensNothing() {
        Instant now = Instant.parse("2030-05-01T10:00:00Z");
        PortalInbox.Deposit deposit = inboxAt(now).deposit("<k1@test>", "p-portal-1", MESSAGE);
        assertThat(deposit.token()).hasSize(43);

        byte[] row = jdbc.queryForObject("select message_ct || token_hash from carepath.portal_message where id = ?",
                byte[].class, deposit.messageId());
        assertThat(new String(row, StandardCharsets.ISO_8859_1)).doesNotContain("HbA1c", deposit.token());

        assertThat(inboxAt(now).open("not-the-token")).isEmpty();
        assertThat(inboxAt(now.plusSeconds(60)).open(deposit.token())).hasValue(MESSAGE);
        assertThat(inboxAt(now.plusSeconds(120)).open(deposit.token())).as("single use").isEmpty();
    }

    @Test
    void aRetriedDeliveryKeepsOneMessageWithAFreshLink() {
        Instant now = Instant.parse("2030-05-01T10:00:00Z");
        PortalInbox.Deposit first = inboxAt(now).deposit("<k3@test>", "p-portal-3", MESSAGE);
        PortalInbox.Deposit retried = inboxAt(now.plusSeconds(300)).deposit("<k3@test>", "p-portal-3", MESSAGE);
        assertThat(retried.messageId()).isEqualTo(first.messageId());
        assertThat(jdbc.queryForObject("select count(*) from carepath.portal_message where patient_id = 'p-portal-3'",
                Integer.class)).isOne();
        assertThat(inboxAt(now.plusSeconds(400)).open(first.token())).isEmpty();
        assertThat(inboxAt(now.plusSeconds(400)).open(retried.token())).hasValue(MESSAGE);
    }

    @Test
    void anExpiredLinkOpensNothing() {
        Instant now = Instant.parse("2030-05-01T10:00:00Z");
        PortalInbox.Deposit deposit = inboxAt(now).deposit("<k2@test>", "p-portal-2", MESSAGE);
        assertThat(deposit.expiresAt()).isEqualTo(now.plus(Duration.ofDays(14)));
        assertThat(inboxAt(deposit.expiresAt()).open(deposit.token())).isEmpty();
        assertThat(inboxAt(deposit.expiresAt().minusSeconds(1)).open(deposit.token())).hasValue(MESSAGE);
    }
}
