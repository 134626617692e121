package org.carepath.delivery.capability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;

import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a domain's MTA-STS policy (RFC 8461): the {@code _mta-sts} TXT record says there is one, and the
 * policy comes over HTTPS from {@code mta-sts.<domain>} with the JDK's certificate checks, no redirects
 * (section 3.3), a 10 s timeout and a 64 KB cap. Not unit-tested against the network (the test machines have
 * no DNS); the policy text is parsed and tested in {@link MtaStsPolicy}.
 */
public class MtaStsFetcher {

    private static final Logger log = LoggerFactory.getLogger(MtaStsFetcher.class);
    private static final int MAX_POLICY_BYTES = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** The policy, or empty when the domain publishes none (or it cannot be fetched: treated as none). */
    public Optional<MtaStsPolicy> fetch(String domain) {
        if (!announced(domain)) {
            return Optional.empty();
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(
                            URI.create("https://mta-sts." + domain + "/.well-known/mta-sts.txt")).timeout(TIMEOUT).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_POLICY_BYTES) {
                log.info("MTA-STS: {} announces a policy but serves none (HTTP {})", domain, response.statusCode());
                return Optional.empty();
            }
            return Optional.of(MtaStsPolicy.parse(new String(response.body(), StandardCharsets.UTF_8)));
        } catch (IOException | MtaStsPolicy.InvalidPolicyException e) {
            log.info("MTA-STS: the policy of {} could not be read ({})", domain, e.getClass().getSimpleName());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static boolean announced(String domain) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        try {
            DirContext dns = new InitialDirContext(env);
            try {
                Attribute txt = dns.getAttributes("_mta-sts." + domain, new String[] {"TXT"}).get("TXT");
                if (txt == null) {
                    return false;
                }
                for (int i = 0; i < txt.size(); i++) {
                    if (String.valueOf(txt.get(i)).replace("\"", "").strip().startsWith("v=STSv1")) {
                        return true;
                    }
                }
                return false;
            } finally {
                dns.close();
            }
        } catch (NamingException e) {
            return false;
        }
    }
}
