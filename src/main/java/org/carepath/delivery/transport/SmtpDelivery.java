package org.carepath.delivery.transport;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import javax.naming.NamingException;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Delivers to a recipient's domain: asks {@link SmtpRoutes} for the servers, best first, and tries them in
 * order while the outcome could differ at the next one (temporary failure, or no verified TLS at this MX).
 * A delivery or a permanent refusal ends it.
 */
public final class SmtpDelivery {

    /** Stands for the server in an attempt that reached none (DNS failed, or the domain takes no mail). */
    static final String NO_SERVER = "none";

    private final SmtpRoutes routes;
    private final SecureSmtpTransport transport;
    private final Clock clock;

    public SmtpDelivery(SmtpRoutes routes, SecureSmtpTransport transport) {
        this.routes = routes;
        this.transport = transport;
        this.clock = Clock.systemUTC();
    }

    public DeliveryAttempt deliver(MimeMessage message, InternetAddress recipient, TransportPolicy policy) {
        Instant started = clock.instant();
        String address = recipient.getAddress();
        String domain = address.substring(address.lastIndexOf('@') + 1);
        List<SmtpHost> hosts;
        try {
            hosts = routes.hosts(domain);
        } catch (NamingException e) {
            return new DeliveryAttempt(DeliveryAttempt.Kind.TEMPORARY_FAILURE, 0, null, null, null, false, null,
                    NO_SERVER, started, clock.instant());
        }
        if (hosts.isEmpty()) {
            // null MX or no such domain: no server will ever take it
            return new DeliveryAttempt(DeliveryAttempt.Kind.PERMANENT_FAILURE, 0, null, null, null, false, null,
                    NO_SERVER, started, clock.instant());
        }
        DeliveryAttempt attempt = null;
        for (SmtpHost host : hosts) {
            attempt = transport.send(message, recipient, host, policy);
            if (attempt.kind() == DeliveryAttempt.Kind.DELIVERED
                    || attempt.kind() == DeliveryAttempt.Kind.PERMANENT_FAILURE) {
                return attempt;
            }
        }
        return attempt;
    }
}
