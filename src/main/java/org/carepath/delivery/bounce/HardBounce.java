package org.carepath.delivery.bounce;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A refusal that says the address itself is bad, not the message or the moment: RFC 3463 status
 * {@code 5.1.x} (bad mailbox, bad domain, no longer there) or {@code 5.2.1} (mailbox disabled). Other
 * permanent refusals (5.7.1 policy, 5.3.4 too big, 5.6.x content) fail the message but keep the address:
 * the next, different message may well be accepted.
 *
 * @param reason     {@code NO_SUCH_ADDRESS} or {@code MAILBOX_DISABLED}
 * @param statusCode the RFC 3463 status, e.g. {@code 5.1.1}
 */
public record HardBounce(String reason, String statusCode) {

    private static final Pattern ENHANCED = Pattern.compile("\\b([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    /** Classifies an RFC 3463 status such as {@code 5.1.1}; empty when it does not condemn the address. */
    public static Optional<HardBounce> ofStatus(String status) {
        if (status == null) {
            return Optional.empty();
        }
        Matcher m = ENHANCED.matcher(status.strip());
        if (!m.find() || !m.group(1).equals("5")) {
            return Optional.empty();
        }
        String code = m.group(1) + "." + m.group(2) + "." + m.group(3);
        if (m.group(2).equals("1")) {
            return Optional.of(new HardBounce("NO_SUCH_ADDRESS", code));
        }
        if (code.equals("5.2.1")) {
            return Optional.of(new HardBounce("MAILBOX_DISABLED", code));
        }
        return Optional.empty();
    }

    /**
     * Classifies an SMTP refusal: the enhanced status in the reply text when there is one; otherwise the
     * basic codes that RFC 5321 reserves for a mailbox that does not exist (550, 551, 553).
     */
    public static Optional<HardBounce> ofSmtpReply(int code, String text) {
        if (code < 500 || code > 599) {
            return Optional.empty();
        }
        if (text != null && ENHANCED.matcher(text).find()) {
            return ofStatus(text);
        }
        return code == 550 || code == 551 || code == 553
                ? Optional.of(new HardBounce("NO_SUCH_ADDRESS", String.valueOf(code)))
                : Optional.empty();
    }
}
