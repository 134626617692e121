package org.carepath.delivery.transport;

import java.util.Locale;

/** One SMTP server to connect to. */
public record SmtpHost(String host, int port) {

    public static final int SMTP_PORT = 25;

    public SmtpHost {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("SMTP host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SMTP port out of range: " + port);
        }
        host = host.toLowerCase(Locale.ROOT);
    }

    /** {@code host:port}, or {@code host} alone for port 25. */
    public static SmtpHost parse(String text) {
        String value = text.strip();
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            return new SmtpHost(value, SMTP_PORT);
        }
        try {
            return new SmtpHost(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("SMTP port is not a number in '" + value + "'");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
