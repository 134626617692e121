package org.carepath.delivery.capability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WebKeyDirectoryTest {

    /** The worked example of draft-koch-openpgp-webkey-service 3.1. */
    @Test
    void hashesTheLocalPartAsTheDraftsExample() {
        assertThat(WebKeyDirectory.hashedLocalPart("Joe.Doe")).isEqualTo("iy9q119eutrkn8s1mk4r39qejnbu3n5q");
        assertThat(WebKeyDirectory.directUrl("Joe.Doe@Example.ORG").toString())
                .isEqualTo("https://example.org/.well-known/openpgpkey/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe");
        assertThat(WebKeyDirectory.advancedUrl("Joe.Doe@Example.ORG").toString()).isEqualTo(
                "https://openpgpkey.example.org/.well-known/openpgpkey/example.org/hu/"
                        + "iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe");
    }

    @Test
    void zBase32OfKnownBytes() {
        // z-base-32 spec examples: 0x00 -> "yy", 0xF0 -> "6y", 0xF0BFC7 -> "6n9hq"
        assertThat(WebKeyDirectory.zBase32(new byte[] {0})).isEqualTo("yy");
        assertThat(WebKeyDirectory.zBase32(new byte[] {(byte) 0xf0})).isEqualTo("6y");
        assertThat(WebKeyDirectory.zBase32(new byte[] {(byte) 0xf0, (byte) 0xbf, (byte) 0xc7})).isEqualTo("6n9hq");
    }
}
