package org.carepath.delivery.capability;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/**
 * Finds a recipient's OpenPGP key in the Web Key Directory of their domain (draft-koch-openpgp-webkey-service):
 * the advanced URL first, then the direct one ({@link WebKeyDirectory}), over HTTPS with the JDK's certificate
 * checks, 5 s each, at most 64 KB. A key counts only if one of its user IDs is the address (section 5 of the
 * draft: a directory may serve keys for other addresses). Not found, not readable, or not the address: empty.
 */
public class WkdLookup {

    /** One HTTPS request's outcome: whether a server answered at all, and the key bytes when it said 200. */
    record Fetched(boolean answered, byte[] body) {
        static final Fetched NO_ANSWER = new Fetched(false, null);
    }

    /** The key, if found, and whether any directory server answered (none: the domain has no directory). */
    public record Found(Optional<String> key, boolean anyServerAnswered) {
    }

    private static final int MAX_KEY_BYTES = 64 * 1024;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Function<URI, Fetched> fetch;
    private final Function<String, List<URI>> urls;

    public WkdLookup() {
        this(httpsFetch(), email -> List.of(WebKeyDirectory.advancedUrl(email), WebKeyDirectory.directUrl(email)));
    }

    WkdLookup(Function<URI, Fetched> fetch, Function<String, List<URI>> urls) {
        this.fetch = fetch;
        this.urls = urls;
    }

    /** The key published for {@code email}, ASCII-armoured, when the directory has one that names it. */
    public Found find(String email) {
        boolean answered = false;
        for (URI url : urls.apply(email)) {
            Fetched fetched = fetch.apply(url);
            answered |= fetched.answered();
            Optional<String> key = Optional.ofNullable(fetched.body()).flatMap(bytes -> keyFor(bytes, email));
            if (key.isPresent()) {
                return new Found(key, true);
            }
        }
        return new Found(Optional.empty(), answered);
    }

    static Optional<String> keyFor(byte[] published, String email) {
        String wanted = email.strip().toLowerCase(Locale.ROOT);
        List<PGPPublicKeyRing> matching = new ArrayList<>();
        try {
            new PGPPublicKeyRingCollection(PGPUtil.getDecoderStream(new ByteArrayInputStream(published)),
                    new BcKeyFingerprintCalculator()).forEach(ring -> {
                        if (names(ring, wanted)) {
                            matching.add(ring);
                        }
                    });
            if (matching.size() != 1) {
                return Optional.empty();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armour = ArmoredOutputStream.builder().clearHeaders().build(out)) {
                matching.get(0).encode(armour);
            }
            return Optional.of(out.toString(StandardCharsets.US_ASCII));
        } catch (IOException | PGPException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean names(PGPPublicKeyRing ring, String address) {
        for (java.util.Iterator<String> ids = ring.getPublicKey().getUserIDs(); ids.hasNext(); ) {
            String id = ids.next().toLowerCase(Locale.ROOT);
            if (id.equals(address) || id.endsWith("<" + address + ">")) {
                return true;
            }
        }
        return false;
    }

    private static Function<URI, Fetched> httpsFetch() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return url -> {
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                return new Fetched(true, response.statusCode() == 200 && response.body().length <= MAX_KEY_BYTES
                        ? response.body() : null);
            } catch (IOException | RuntimeException e) {
                return Fetched.NO_ANSWER; // no such host, refused, TLS failed, timed out
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Fetched.NO_ANSWER;
            }
        };
    }
}
