package org.carepath.delivery.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.naming.NamingException;

/**
 * Where mail for a recipient domain goes. Configured routes ({@code carepath.delivery.routes}, e.g.
 * {@code example.org=127.0.0.1:2525,*=relay.local:25}) win; {@code *} catches every other domain (a smart
 * host); without a route the domain's MX records decide.
 */
public final class SmtpRoutes {

    static final String ANY_DOMAIN = "*";

    private final Map<String, SmtpHost> routes;
    private final MxLookup mxLookup;

    public SmtpRoutes(String configuration) {
        this(configuration, new MxLookup());
    }

    SmtpRoutes(String configuration, MxLookup mxLookup) {
        this.routes = parse(configuration);
        this.mxLookup = mxLookup;
    }

    static Map<String, SmtpHost> parse(String configuration) {
        Map<String, SmtpHost> routes = new LinkedHashMap<>();
        if (configuration == null) {
            return routes;
        }
        for (String entry : configuration.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("route '" + entry.strip() + "' is not domain=host:port");
            }
            String domain = entry.substring(0, equals).strip().toLowerCase(Locale.ROOT);
            if (domain.isEmpty()) {
                throw new IllegalArgumentException("route '" + entry.strip() + "' has no domain");
            }
            if (routes.put(domain, SmtpHost.parse(entry.substring(equals + 1))) != null) {
                throw new IllegalArgumentException("domain '" + domain + "' is routed twice");
            }
        }
        return Map.copyOf(routes);
    }

    /** The configured route for the domain, or the {@code *} route; empty when DNS must decide. */
    public Optional<SmtpHost> configured(String domain) {
        String key = domain.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(routes.getOrDefault(key, routes.get(ANY_DOMAIN)));
    }

    /** The hosts to try for the domain, best first; empty when the domain takes no mail (null MX, NXDOMAIN). */
    public List<SmtpHost> hosts(String domain) throws NamingException {
        Optional<SmtpHost> route = configured(domain);
        if (route.isPresent()) {
            return List.of(route.get());
        }
        return mxLookup.hosts(domain);
    }
}
