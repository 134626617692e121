package org.carepath.delivery.transport;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;

import javax.naming.Context;
import javax.naming.NameNotFoundException;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/**
 * MX lookup through the JDK's own DNS client (JNDI), so no resolver library is needed. Not unit-tested:
 * the test machines cannot reach DNS; {@link MxRecords} holds the logic that can be tested.
 */
final class MxLookup {

    private static final String DNS_CONTEXT_FACTORY = "com.sun.jndi.dns.DnsContextFactory";

    /** Hosts for the domain, best first; with no MX record, the domain itself (its A record, RFC 5321 5.1). */
    List<SmtpHost> hosts(String domain) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, DNS_CONTEXT_FACTORY);
        DirContext dns = new InitialDirContext(env);
        try {
            Attributes attributes = dns.getAttributes(domain, new String[] {"MX"});
            Attribute mx = attributes.get("MX");
            if (mx == null || mx.size() == 0) {
                return List.of(new SmtpHost(domain, SmtpHost.SMTP_PORT));
            }
            List<String> records = new ArrayList<>();
            NamingEnumeration<?> values = mx.getAll();
            while (values.hasMore()) {
                records.add(String.valueOf(values.next()));
            }
            return MxRecords.hosts(records);
        } catch (NameNotFoundException e) {
            return List.of();
        } finally {
            dns.close();
        }
    }
}
