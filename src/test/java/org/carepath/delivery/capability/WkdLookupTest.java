package org.carepath.delivery.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.openpgp.PGPUtil;
import org.carepath.delivery.encryption.PgpKeyRings;
import org.carepath.delivery.encryption.PgpMimeEncryptor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WkdLookupTest {

    static final URI ADVANCED = URI.create("https://openpgpkey.example.org/advanced");
    static final URI DIRECT = URI.create("https://example.org/direct");
    static String janesKey;
    static String someoneElsesKey;

    private final Map<URI, byte[]> published = new HashMap<>();
    private final List<URI> asked = new ArrayList<>();
    private final WkdLookup lookup = new WkdLookup(uri -> {
        asked.add(uri);
        return new WkdLookup.Fetched(true, published.get(uri));
    }, email -> List.of(ADVANCED, DIRECT));

    @BeforeAll
    static void keys() {
        janesKey = PgpKeyRings.publicRing("Jane Patient <jane@example.org>", new Date());
        someoneElsesKey = PgpKeyRings.publicRing("Someone <someone@example.org>", new Date());
    }

    /** Directories serve the binary key; the armoured text is turned back into bytes for the fake. */
    private static byte[] binary(String armoured) throws Exception {
        return PGPUtil.getDecoderStream(new java.io.ByteArrayInputStream(
                armoured.getBytes(StandardCharsets.US_ASCII))).readAllBytes();
    }

    @Test
    void theAdvancedMethodIsAskedFirstAndAKeyNamingTheAddressIsTaken() throws Exception {
        published.put(ADVANCED, binary(janesKey));
        Optional<String> found = lookup.find("Jane@Example.org").key();
        assertThat(found).isPresent();
        assertThat(found.get()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----");
        assertThat(PgpMimeEncryptor.checkRecipientKey(found.get(), java.time.Instant.now()))
                .isEqualTo(PgpMimeEncryptor.checkRecipientKey(janesKey, java.time.Instant.now()));
        assertThat(asked).containsExactly(ADVANCED);
    }

    @Test
    void theDirectMethodIsTheFallback() throws Exception {
        published.put(DIRECT, binary(janesKey));
        assertThat(lookup.find("jane@example.org").key()).isPresent();
        assertThat(asked).containsExactly(ADVANCED, DIRECT);
    }

    @Test
    void aKeyForAnotherAddressOrGarbageIsNotTaken() throws Exception {
        published.put(ADVANCED, binary(someoneElsesKey));
        published.put(DIRECT, "<html>not found</html>".getBytes(StandardCharsets.US_ASCII));
        assertThat(lookup.find("jane@example.org").key()).isEmpty();
        assertThat(lookup.find("nobody@example.org")).isEqualTo(new WkdLookup.Found(Optional.empty(), true));
    }

    @Test
    void aDomainWhoseServersDoNotAnswerIsToldApart() {
        WkdLookup silent = new WkdLookup(uri -> WkdLookup.Fetched.NO_ANSWER, email -> List.of(ADVANCED, DIRECT));
        assertThat(silent.find("jane@example.org")).isEqualTo(new WkdLookup.Found(Optional.empty(), false));
    }
}
