package org.carepath.delivery.capability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A domain's MTA-STS policy (RFC 8461 3.2), as fetched from {@code https://mta-sts.DOMAIN/.well-known/mta-sts.txt}.
 * {@code enforce} makes verified TLS to one of the listed MX hosts mandatory for the domain.
 */
public record MtaStsPolicy(Mode mode, List<String> mxPatterns, Duration maxAge) {

    public enum Mode { ENFORCE, TESTING, NONE }

    /** RFC 8461 3.2: max_age is at most 31557600 seconds (one year). */
    static final long MAX_AGE_LIMIT = 31_557_600L;

    /** Parses the policy text; an invalid policy is treated by RFC 8461 as no policy, so the caller gets why. */
    public static MtaStsPolicy parse(String text) {
        String version = null;
        Mode mode = null;
        Long maxAge = null;
        List<String> mx = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new InvalidPolicyException("a line without a key");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            switch (key) {
                case "version" -> version = value;
                case "mode" -> mode = mode(value);
                case "mx" -> mx.add(value.toLowerCase(Locale.ROOT));
                case "max_age" -> maxAge = maxAge(value);
                default -> { } // RFC 8461 3.2: unknown fields are ignored, for extensions
            }
        }
        if (!"STSv1".equals(version)) {
            throw new InvalidPolicyException("version must be STSv1");
        }
        if (mode == null || maxAge == null) {
            throw new InvalidPolicyException("mode and max_age are required");
        }
        if (mode != Mode.NONE && mx.isEmpty()) {
            throw new InvalidPolicyException("a policy in mode " + mode + " must list mx hosts");
        }
        return new MtaStsPolicy(mode, List.copyOf(mx), Duration.ofSeconds(maxAge));
    }

    /**
     * RFC 8461 4.1: an MX host matches a pattern exactly, or a {@code *.} pattern by replacing only the leftmost
     * label ({@code *.example.com} matches {@code mx1.example.com}, not {@code example.com} nor {@code a.b.example.com}).
     */
    public boolean allows(String mxHost) {
        String host = normalise(mxHost);
        for (String pattern : mxPatterns) {
            String p = normalise(pattern);
            if (p.startsWith("*.")) {
                int dot = host.indexOf('.');
                if (dot > 0 && host.substring(dot + 1).equals(p.substring(2))) {
                    return true;
                }
            } else if (host.equals(p)) {
                return true;
            }
        }
        return false;
    }

    private static String normalise(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static Mode mode(String value) {
        return switch (value) {
            case "enforce" -> Mode.ENFORCE;
            case "testing" -> Mode.TESTING;
            case "none" -> Mode.NONE;
            default -> throw new InvalidPolicyException("unknown mode");
        };
    }

    private static long maxAge(String value) {
        if (!value.matches("[0-9]{1,10}")) {
            throw new InvalidPolicyException("max_age must be a number of seconds");
        }
        return Math.min(Long.parseLong(value), MAX_AGE_LIMIT);
    }

    /** The policy text breaks RFC 8461; the message says which rule, never quotes the text. */
    public static class InvalidPolicyException extends RuntimeException {
        InvalidPolicyException(String message) {
            super("invalid MTA-STS policy: " + message);
        }
    }
}
