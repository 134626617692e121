package org.carepath.delivery.transport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** Turns DNS MX record texts ({@code "10 mx1.example.org."}) into the hosts to try, best first. */
final class MxRecords {

    private record Mx(int preference, String host) {
    }

    private MxRecords() {
    }

    /**
     * Sorted by preference (lowest first, RFC 5321 section 5.1); equal preferences keep DNS order. A null MX
     * ({@code "0 ."}, RFC 7505) means the domain accepts no mail: it yields no host. Malformed records are
     * skipped rather than guessed.
     */
    static List<SmtpHost> hosts(Collection<String> records) {
        List<Mx> parsed = new ArrayList<>();
        for (String record : records) {
            String[] parts = record.strip().split("\\s+");
            if (parts.length != 2) {
                continue;
            }
            int preference;
            try {
                preference = Integer.parseInt(parts[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            String host = parts[1].endsWith(".") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
            if (host.isEmpty()) {
                return List.of(); // null MX
            }
            parsed.add(new Mx(preference, host));
        }
        parsed.sort(Comparator.comparingInt(Mx::preference));
        return parsed.stream().map(mx -> new SmtpHost(mx.host(), SmtpHost.SMTP_PORT)).toList();
    }
}
