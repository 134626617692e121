package org.carepath.delivery.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.openpgp.PGPUtil;
import org.carepath.ServerTest;
import org.carepath.compliance.KeySource;
import org.carepath.compliance.PgpCapability;
import org.carepath.delivery.encryption.PgpKeyRings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A key found in the patient's Web Key Directory is registered as a WKD key; each address is asked once a day. */
class WkdDiscoveryIT extends ServerTest {

    @Autowired
    RecipientKeys keys;

    private final AtomicInteger fetches = new AtomicInteger();

    private WkdLookup directoryServing(String armoured) throws Exception {
        byte[] binary = PGPUtil.getDecoderStream(new java.io.ByteArrayInputStream(
                armoured.getBytes(StandardCharsets.US_ASCII))).readAllBytes();
        return new WkdLookup(uri -> {
            fetches.incrementAndGet();
            return new WkdLookup.Fetched(true, binary);
        }, email -> List.of(WebKeyDirectory.advancedUrl(email)));
    }

    @Test
    void aDomainWithoutAnyDirectoryServerIsAskedOnceForAllItsAddresses() {
        WkdDiscovery discovery = new WkdDiscovery(keys, new WkdLookup(uri -> {
            fetches.incrementAndGet();
            return WkdLookup.Fetched.NO_ANSWER;
        }, email -> List.of(WebKeyDirectory.advancedUrl(email), WebKeyDirectory.directUrl(email))), true,
                Clock.systemUTC());
        assertThat(discovery.discover("p-wkd-3", "one@silent.example.org")).isFalse();
        assertThat(discovery.discover("p-wkd-4", "two@silent.example.org")).isFalse();
        assertThat(fetches).as("both URLs for the first address, nothing for the second").hasValue(2);
    }

    @Test
    void aPublishedKeyBecomesTheRecipientsPgpFactWithItsSource() throws Exception {
        String email = "wendy.wkd@wkd.example.org";
        http().bearer(API_KEY).put("/api/v1/patients/p-wkd-1", "{\"name\":\"Wendy Wkd\",\"email\":\"" + email + "\"}");
        Instant now = Instant.now();
        WkdDiscovery discovery = new WkdDiscovery(keys, directoryServing(
                PgpKeyRings.publicRing("Wendy <" + email + ">", Date.from(now.minus(Duration.ofDays(1))))), true,
                Clock.fixed(now, ZoneOffset.UTC));

        assertThat(keys.capabilitiesAt("p-wkd-1", now).pgp()).isEqualTo(new PgpCapability(false, false, null));
        assertThat(discovery.discover("p-wkd-1", email)).isTrue();
        assertThat(keys.capabilitiesAt("p-wkd-1", now).pgp()).isEqualTo(new PgpCapability(true, true, KeySource.WKD));
        assertThat(discovery.discover("p-wkd-1", email)).as("asked once a day").isFalse();
        assertThat(fetches).hasValue(1);
    }

    @Test
    void switchedOffItAsksNothing() throws Exception {
        WkdDiscovery off = new WkdDiscovery(keys, directoryServing(
                PgpKeyRings.publicRing("Olga <olga@wkd.example.org>", new Date())), false, Clock.systemUTC());
        assertThat(off.discover("p-wkd-2", "olga@wkd.example.org")).isFalse();
        assertThat(fetches).hasValue(0);
    }
}
