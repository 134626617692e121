package org.carepath.delivery.compose;

import java.util.Locale;

/**
 * The "relaxed" canonicalisation of RFC 6376 section 3.4.2 (headers) and 3.4.4 (body). Relaxed, not simple,
 * because relays re-fold headers and change whitespace; a signature that breaks on that is no signature.
 * Text is handled as ISO-8859-1, one char per byte, so any byte passes through unchanged.
 */
final class RelaxedCanonicalization {

    private RelaxedCanonicalization() {
    }

    /**
     * One header field (name, colon, value, possibly folded, without its final CRLF):
     * name lowercased, unfolded, runs of WSP made one space, WSP around the colon and at the ends removed.
     */
    static String header(String field) {
        int colon = field.indexOf(':');
        String name = field.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = field.substring(colon + 1).replace("\r\n", "").replace("\n", "").replace("\r", "");
        value = compressWsp(value);
        return name + ":" + trimWsp(value);
    }

    /**
     * The body: runs of WSP within a line become one space, WSP at the end of a line goes, empty lines at the end
     * go, and a non-empty body ends with exactly one CRLF. An empty body stays empty.
     */
    static String body(String body) {
        String[] lines = body.split("\r\n", -1);
        StringBuilder out = new StringBuilder(body.length());
        int pendingEmpty = 0;
        // split leaves a last element after the final CRLF: it is not a line of its own when empty
        int count = lines.length;
        if (count > 0 && lines[count - 1].isEmpty()) {
            count--;
        }
        for (int i = 0; i < count; i++) {
            String line = stripTrailingWsp(compressWsp(lines[i]));
            if (line.isEmpty()) {
                pendingEmpty++;  // written only if a non-empty line follows
                continue;
            }
            out.append("\r\n".repeat(pendingEmpty));
            pendingEmpty = 0;
            out.append(line).append("\r\n");
        }
        return out.toString();
    }

    private static String compressWsp(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inWsp = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t') {
                if (!inWsp) {
                    out.append(' ');
                }
                inWsp = true;
            } else {
                out.append(c);
                inWsp = false;
            }
        }
        return out.toString();
    }

    private static String stripTrailingWsp(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String trimWsp(String s) {
        int start = 0;
        while (start < s.length() && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        return stripTrailingWsp(s.substring(start));
    }
}
