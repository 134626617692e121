package org.carepath.delivery.capability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

import javax.naming.NamingException;

import org.carepath.compliance.Dane;
import org.carepath.compliance.MtaSts;
import org.carepath.compliance.Transport;
import org.carepath.delivery.transport.DeliveryAttempt;
import org.carepath.delivery.transport.SecureSmtpTransport;
import org.carepath.delivery.transport.SmtpHost;
import org.carepath.delivery.transport.SmtpRoutes;
import org.carepath.delivery.transport.TlsProbe;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The {@code recipient.transport} facts for a domain, discovered and cached: its mail servers (MX, or the
 * configured route), whether the best reachable one offers STARTTLS, the TLS version, whether its certificate
 * is valid for its name, and the domain's MTA-STS policy (cached for the policy's {@code max_age}; an MX that
 * an {@code enforce} policy does not list does not count as verified). Probe results are kept for
 * {@link #PROBE_VALID_FOR}, and a send that finds TLS impossible updates them at once.
 *
 * <p>DANE stays {@code NONE}: the JDK's resolver does not validate DNSSEC, and TLSA records from an
 * unvalidated answer prove nothing. A domain whose servers cannot be reached is not cached and is presumed
 * to take verified TLS: harmless, because the transport sends nothing without verifying, and the send that
 * finds out teaches this cache.
 */
@Service
public class TransportCapabilities {

    static final Duration PROBE_VALID_FOR = Duration.ofHours(6);
    static final Transport PRESUMED = new Transport(true, "TLSv1.3", true, MtaSts.NONE, Dane.NONE);

    private record Known<T>(T value, Instant until) {
    }

    /** The servers for a domain, best first (the configured route, or MX). */
    interface Hosts {
        List<SmtpHost> of(String domain) throws NamingException;
    }

    private final Hosts hosts;
    private final Predicate<String> routed;
    private final Function<SmtpHost, TlsProbe> prober;
    private final Function<String, Optional<MtaStsPolicy>> policies;
    private final Clock clock;
    private final Map<String, Known<Transport>> transports = new ConcurrentHashMap<>();
    private final Map<String, Known<Optional<MtaStsPolicy>>> mtaSts = new ConcurrentHashMap<>();
    private final Map<String, Object> discovering = new ConcurrentHashMap<>();

    @Autowired
    public TransportCapabilities(SmtpRoutes routes, SecureSmtpTransport transport) {
        this(routes::hosts, domain -> routes.configured(domain).isPresent(), transport::probe,
                new MtaStsFetcher()::fetch, Clock.systemUTC());
    }

    TransportCapabilities(Hosts hosts, Predicate<String> routed, Function<SmtpHost, TlsProbe> prober,
                          Function<String, Optional<MtaStsPolicy>> policies, Clock clock) {
        this.hosts = hosts;
        this.routed = routed;
        this.prober = prober;
        this.policies = policies;
        this.clock = clock;
    }

    public Transport of(String domain) {
        String key = domain.toLowerCase(Locale.ROOT);
        Known<Transport> known = transports.get(key);
        if (known != null && known.until().isAfter(clock.instant())) {
            return known.value();
        }
        synchronized (discovering.computeIfAbsent(key, k -> new Object())) {
            known = transports.get(key);
            if (known != null && known.until().isAfter(clock.instant())) {
                return known.value(); // another worker discovered it while this one waited
            }
            return discover(key);
        }
    }

    /** What a send under verified TLS found: the rules judge the domain by it from now on. */
    public void learn(String domain, DeliveryAttempt.TlsProblem problem) {
        boolean starttls = problem != DeliveryAttempt.TlsProblem.NO_STARTTLS;
        transports.put(domain.toLowerCase(Locale.ROOT), new Known<>(new Transport(starttls, null, false,
                policyMode(domain.toLowerCase(Locale.ROOT)), Dane.NONE), clock.instant().plus(PROBE_VALID_FOR)));
    }

    private Transport discover(String domain) {
        List<SmtpHost> servers;
        try {
            servers = hosts.of(domain);
        } catch (NamingException e) {
            return PRESUMED; // DNS trouble: the send will fail temporarily and retry
        }
        Optional<MtaStsPolicy> policy = policy(domain);
        for (SmtpHost host : servers) {
            TlsProbe probe = prober.apply(host);
            if (!probe.reachable()) {
                continue;
            }
            boolean listed = policy.filter(p -> p.mode() == MtaStsPolicy.Mode.ENFORCE)
                    .map(p -> p.allows(host.host())).orElse(true);
            Transport transport = new Transport(probe.starttls(), probe.tlsProtocol(),
                    probe.certificateValid() && listed, mode(policy), Dane.NONE);
            transports.put(domain, new Known<>(transport, clock.instant().plus(PROBE_VALID_FOR)));
            return transport;
        }
        return PRESUMED;
    }

    /** A routed domain (a relay, a test server) has no MTA-STS of ours to honour: the route is configured. */
    private Optional<MtaStsPolicy> policy(String domain) {
        if (routed.test(domain)) {
            return Optional.empty();
        }
        Known<Optional<MtaStsPolicy>> known = mtaSts.get(domain);
        if (known != null && known.until().isAfter(clock.instant())) {
            return known.value();
        }
        Optional<MtaStsPolicy> policy = policies.apply(domain);
        Duration keep = policy.map(MtaStsPolicy::maxAge).orElse(PROBE_VALID_FOR);
        mtaSts.put(domain, new Known<>(policy, clock.instant().plus(keep)));
        return policy;
    }

    private MtaSts policyMode(String domain) {
        Known<Optional<MtaStsPolicy>> known = mtaSts.get(domain);
        return known == null ? MtaSts.NONE : mode(known.value());
    }

    private static MtaSts mode(Optional<MtaStsPolicy> policy) {
        return policy.map(p -> MtaSts.valueOf(p.mode().name())).orElse(MtaSts.NONE);
    }
}
