package org.carepath.delivery.capability;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Where a recipient's OpenPGP key is published in a Web Key Directory (draft-koch-openpgp-webkey-service):
 * the local part is lowercased, hashed with SHA-1 and written in z-base-32. The advanced method asks the
 * {@code openpgpkey.} subdomain first; the direct method the domain itself.
 */
public final class WebKeyDirectory {

    private static final String ZBASE32 = "ybndrfg8ejkmcpqxot1uwisza345h769";

    private WebKeyDirectory() {
    }

    public static String hashedLocalPart(String localPart) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest(localPart.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return zBase32(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static URI advancedUrl(String email) {
        Address a = Address.of(email);
        return URI.create("https://openpgpkey." + a.domain() + "/.well-known/openpgpkey/" + a.domain() + "/hu/"
                + hashedLocalPart(a.localPart()) + "?l=" + URLEncoder.encode(a.localPart(), StandardCharsets.UTF_8));
    }

    public static URI directUrl(String email) {
        Address a = Address.of(email);
        return URI.create("https://" + a.domain() + "/.well-known/openpgpkey/hu/" + hashedLocalPart(a.localPart())
                + "?l=" + URLEncoder.encode(a.localPart(), StandardCharsets.UTF_8));
    }

    /** z-base-32 (the "human-oriented" base 32 of the draft), 5 bits a character, most significant first. */
    static String zBase32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(ZBASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(ZBASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }

    private record Address(String localPart, String domain) {
        static Address of(String email) {
            int at = email.lastIndexOf('@');
            if (at <= 0 || at == email.length() - 1) {
                throw new IllegalArgumentException("not an email address");
            }
            return new Address(email.substring(0, at), email.substring(at + 1).toLowerCase(Locale.ROOT));
        }
    }
}
