package org.carepath.delivery.send;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.carepath.compliance.Dane;
import org.carepath.compliance.MtaSts;
import org.carepath.compliance.Transport;
import org.carepath.delivery.transport.DeliveryAttempt;

/**
 * What sending taught us about a domain's mail servers. A domain is presumed to take verified TLS until a
 * send under {@code VERIFIED_TLS} proves otherwise: the presumption costs nothing, because the transport
 * sends nothing without verification; the proof makes the rules choose again (usually the portal). What was
 * learnt expires, so a domain that fixes its certificate gets TLS again.
 */
class DomainTlsMemory {

    static final Duration REMEMBERED = Duration.ofHours(6);

    private record Learnt(DeliveryAttempt.TlsProblem problem, Instant until) {
    }

    private final Map<String, Learnt> domains = new ConcurrentHashMap<>();
    private final Clock clock;

    DomainTlsMemory(Clock clock) {
        this.clock = clock;
    }

    Transport transportOf(String domain) {
        Learnt learnt = domains.get(key(domain));
        if (learnt == null || learnt.until().isBefore(clock.instant())) {
            return new Transport(true, "TLSv1.3", true, MtaSts.NONE, Dane.NONE);
        }
        boolean starttls = learnt.problem() != DeliveryAttempt.TlsProblem.NO_STARTTLS;
        return new Transport(starttls, starttls ? "TLSv1.3" : null, false, MtaSts.NONE, Dane.NONE);
    }

    void learn(String domain, DeliveryAttempt.TlsProblem problem) {
        domains.put(key(domain), new Learnt(problem, clock.instant().plus(REMEMBERED)));
    }

    private static String key(String domain) {
        return domain.toLowerCase(Locale.ROOT);
    }
}
