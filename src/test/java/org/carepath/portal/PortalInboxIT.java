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

        assertThat(inboxAt(now).issueCode("not-the-token")).isEmpty();
        String code = inboxAt(now).issueCode(deposit.token()).orElseThrow().code();
        assertThat(code).matches("[0-9]{6}");
        assertThat(inboxAt(now).open("not-the-token", code)).isEmpty();
        assertThat(inboxAt(now.plusSeconds(60)).open(deposit.token(), code)).hasValue(MESSAGE);
        assertThat(inboxAt(now.plusSeconds(120)).open(deposit.token(), code)).as("single use").isEmpty();
        assertThat(inboxAt(now.plusSeconds(120)).issueCode(deposit.token())).as("no new code once read").isEmpty();
    }

    @Test
    void aRetriedDeliveryKeepsOneMessageWithAFreshLink() {
        Instant now = Instant.parse("2030-05-01T10:00:00Z");
        PortalInbox.Deposit first = inboxAt(now).deposit("<k3@test>", "p-portal-3", MESSAGE);
        PortalInbox.Deposit retried = inboxAt(now.plusSeconds(300)).deposit("<k3@test>", "p-portal-3", MESSAGE);
        assertThat(retried.messageId()).isEqualTo(first.messageId());
        assertThat(jdbc.queryForObject("select count(*) from carepath.portal_message where patient_id = 'p-portal-3'",
                Integer.class)).isOne();
        assertThat(inboxAt(now.plusSeconds(400)).issueCode(first.token())).isEmpty();
        String code = inboxAt(now.plusSeconds(400)).issueCode(retried.token()).orElseThrow().code();
        assertThat(inboxAt(now.plusSeconds(400)).open(retried.token(), code)).hasValue(MESSAGE);
    }

    @Test
    void aCodeHasFiveTriesAndTenMinutes() {
        Instant now = Instant.parse("2030-05-01T10:00:00Z");
        PortalInbox.Deposit deposit = inboxAt(now).deposit("<k4@test>", "p-portal-4", MESSAGE);
        String code = inboxAt(now).issueCode(deposit.token()).orElseThrow().code();
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(inboxAt(now).open(deposit.token(), wrong)).isEmpty();
        }
        assertThat(inboxAt(now).open(deposit.token(), code)).as("five wrong tries kill the code").isEmpty();
        String fresh = inboxAt(now).issueCode(deposit.token()).orElseThrow().code();
        assertThat(inboxAt(now.plus(Duration.ofMinutes(11))).open(deposit.token(), fresh)).as("too late").isEmpty();
        String last = inboxAt(now).issueCode(deposit.token()).orElseThrow().code();
        assertThat(inboxAt(now.plus(Duration.ofMinutes(9))).open(deposit.token(), last)).hasValue(MESSAGE);
    }

    @Test
    void anExpiredLinkOpensNothing() {
        Instant now = Instant.parse("2030-05-01T10:00:00Z");
        PortalInbox.Deposit deposit = inboxAt(now).deposit("<k2@test>", "p-portal-2", MESSAGE);
        assertThat(deposit.expiresAt()).isEqualTo(now.plus(Duration.ofDays(14)));
        assertThat(inboxAt(deposit.expiresAt()).issueCode(deposit.token())).isEmpty();
        String code = inboxAt(deposit.expiresAt().minusSeconds(60)).issueCode(deposit.token()).orElseThrow().code();
        assertThat(inboxAt(deposit.expiresAt()).open(deposit.token(), code)).as("expired link").isEmpty();
        assertThat(inboxAt(deposit.expiresAt().minusSeconds(1)).open(deposit.token(), code)).hasValue(MESSAGE);
    }
}
