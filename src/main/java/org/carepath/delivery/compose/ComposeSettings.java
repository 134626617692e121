package org.carepath.delivery.compose;

import java.util.regex.Pattern;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * The organisation's side of every message: who it is from, the domain its Message-IDs are made in, and where
 * unsubscribe requests go.
 *
 * @param from             the organisation's From, such as {@code Riverside Health <care@riverside.example>}
 * @param mailDomain       the right-hand side of Message-IDs, normally the domain of {@code from}
 * @param unsubscribeBase  the public HTTPS root of carepath; one-click links are {@code <base>/u/<token>}
 * @param unsubscribeMailto the mailbox that takes unsubscribe requests by mail
 */
public record ComposeSettings(String from, String mailDomain, String unsubscribeBase, String unsubscribeMailto) {

    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");

    public ComposeSettings {
        HeaderValues.requireSingleLine("from", from);
        HeaderValues.requireSingleLine("mail domain", mailDomain);
        HeaderValues.requireSingleLine("unsubscribe base", unsubscribeBase);
        HeaderValues.requireSingleLine("unsubscribe mailto", unsubscribeMailto);
        if (!unsubscribeBase.startsWith("https://") || unsubscribeBase.matches(".*[\\s<>,].*")) {
            throw new IllegalArgumentException("unsubscribe base must be an https:// URL (RFC 8058)");
        }
        if (!PLAIN_ADDRESS.matcher(unsubscribeMailto).matches()) {
            throw new IllegalArgumentException("unsubscribe mailto must be a plain address");
        }
        fromAddress(from);
    }

    InternetAddress fromAddress() {
        return fromAddress(from);
    }

    private static InternetAddress fromAddress(String from) {
        try {
            return new InternetAddress(from, true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("from is not a valid address");
        }
    }
}
