package org.carepath.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

import org.junit.jupiter.api.Test;

class FieldCipherTest {

    private static byte[] key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    private static final byte[] PHI = "Jane Roe, HIV positive".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTripsWithoutLeavingPlaintext() {
        FieldCipher cipher = new FieldCipher(key(), List.of());
        byte[] sealed = cipher.encrypt(PHI, "patient.name");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain("Jane", "HIV");
        assertThat(cipher.decrypt(sealed, "patient.name")).isEqualTo(PHI);
        assertThat(cipher.encrypt(PHI, "patient.name")).isNotEqualTo(sealed);
    }

    @Test
    void aValueMovedToAnotherColumnDoesNotDecrypt() {
        FieldCipher cipher = new FieldCipher(key(), List.of());
        byte[] sealed = cipher.encrypt(PHI, "patient.name");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "patient.email")).hasMessageContaining("tampered");
    }

    @Test
    void tamperingIsDetected() {
        FieldCipher cipher = new FieldCipher(key(), List.of());
        byte[] sealed = cipher.encrypt(PHI, "c");
        sealed[sealed.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(sealed, "c")).hasMessageContaining("tampered");
    }

    @Test
    void dataUnderAPreviousKeyStaysReadable() {
        byte[] old = key();
        byte[] sealed = new FieldCipher(old, List.of()).encrypt(PHI, "c");
        assertThat(new FieldCipher(key(), List.of(old)).decrypt(sealed, "c")).isEqualTo(PHI);
        assertThatThrownBy(() -> new FieldCipher(key(), List.of()).decrypt(sealed, "c"))
                .hasMessageContaining("not configured");
    }
}
