package org.carepath.delivery.capability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.carepath.compliance.KeySource;
import org.carepath.compliance.SecureMethod;
import org.carepath.delivery.encryption.UnusableKeyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * Looks for a patient's OpenPGP key in their domain's Web Key Directory before a message to a patient with no
 * key on file, and registers what it finds (source {@code WKD}: the rules see where it came from). Each
 * address is asked at most once a day ({@link #RECHECK}), found or not; a domain where no directory server
 * answers at all (no such host, nothing listening) is not asked again for any address that day. {@code carepath.delivery.wkd.enabled}
 * (default true) turns it off, for instance where the server may not make outgoing HTTPS requests.
 */
@Service
public class WkdDiscovery {

    static final Duration RECHECK = Duration.ofDays(1);
    private static final Logger log = LoggerFactory.getLogger(WkdDiscovery.class);

    private final RecipientKeys keys;
    private final WkdLookup lookup;
    private final boolean enabled;
    private final Clock clock;
    private final Map<String, Instant> asked = new ConcurrentHashMap<>();
    private final Map<String, Instant> silentDomains = new ConcurrentHashMap<>();

    @Autowired
    public WkdDiscovery(RecipientKeys keys, @Value("${carepath.delivery.wkd.enabled:true}") boolean enabled) {
        this(keys, new WkdLookup(), enabled, Clock.systemUTC());
    }

    WkdDiscovery(RecipientKeys keys, WkdLookup lookup, boolean enabled, Clock clock) {
        this.keys = keys;
        this.lookup = lookup;
        this.enabled = enabled;
        this.clock = clock;
    }

    /** True when a key was found and registered now, so the caller reads the patient's keys again. */
    public boolean discover(String patientId, String email) {
        if (!enabled) {
            return false;
        }
        String address = email.strip().toLowerCase(Locale.ROOT);
        String domain = address.substring(address.lastIndexOf('@') + 1);
        Instant now = clock.instant();
        if (recent(asked.get(address), now) || recent(silentDomains.get(domain), now)) {
            return false;
        }
        asked.put(address, now);
        WkdLookup.Found found = lookup.find(address);
        if (!found.anyServerAnswered()) {
            silentDomains.put(domain, now);
        }
        return found.key().map(key -> {
            try {
                keys.register(patientId, SecureMethod.PGP, KeySource.WKD, key);
                log.info("Web Key Directory: an OpenPGP key was found and registered");
                return true;
            } catch (UnusableKeyException e) {
                log.info("Web Key Directory: a published key is not usable ({})",
                        e.getMessage());
                return false;
            }
        }).orElse(false);
    }

    private static boolean recent(Instant asked, Instant now) {
        return asked != null && asked.plus(RECHECK).isAfter(now);
    }
}
