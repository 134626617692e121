package org.carepath.delivery.compose;

import java.util.regex.Pattern;

/**
 * One-click unsubscribe for a marketing message (RFC 8058, RFC 2369): the HTTPS link and a mailto fallback, both
 * carrying only an opaque token the caller made (random, or an HMAC). The token is checked to look opaque: letters,
 * digits, '-' and '_' only, so it cannot be an address, and at least 16 characters. Whether it names a topic is
 * the caller's duty; this class cannot tell "statin-adherence-2026" from noise, so keep tokens random.
 */
public record Unsubscribe(String token) {

    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_-]{16,128}");

    public Unsubscribe {
        if (token == null || !OPAQUE.matcher(token).matches()) {
            throw new IllegalArgumentException(
                    "unsubscribe token must be 16 to 128 characters of A-Z, a-z, 0-9, '-' or '_'");
        }
    }

    /** {@code <https://.../u/{token}>, <mailto:address?subject=unsubscribe-{token}>} */
    String listUnsubscribe(String httpsBase, String mailto) {
        String base = httpsBase.endsWith("/") ? httpsBase : httpsBase + "/";
        return "<" + base + "u/" + token + ">, <mailto:" + mailto + "?subject=unsubscribe-" + token + ">";
    }
}
