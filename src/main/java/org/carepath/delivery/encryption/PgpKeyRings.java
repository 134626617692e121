package org.carepath.delivery.encryption;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * Recipient public key rings shaped as gpg makes them (an RSA primary key that certifies and signs, an RSA
 * subkey that encrypts, AES-256 preferred), for the delivery benchmark's patients and for tests. Not used to
 * make the organisation's own keys ({@link OrganisationKeyFiles} does that, with the secret key kept).
 */
public final class PgpKeyRings {

    private PgpKeyRings() {
    }

    /** An ASCII-armoured public key ring for {@code userId} (e.g. {@code "Jane <jane@example.org>"}). */
    public static String publicRing(String userId, Date created) {
        try {
            PGPKeyPair primary = new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), created);
            PGPKeyPair subkey = new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), created);
            PGPSignatureSubpacketGenerator primaryFlags = new PGPSignatureSubpacketGenerator();
            primaryFlags.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
            primaryFlags.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256});
            PGPSignatureSubpacketGenerator subkeyFlags = new PGPSignatureSubpacketGenerator();
            subkeyFlags.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
            PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().build()
                    .get(HashAlgorithmTags.SHA1);
            PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary,
                    userId, sha1, primaryFlags.generate(), null,
                    new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
                    null);
            generator.addSubKey(subkey, subkeyFlags.generate(), null);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArmoredOutputStream armour = ArmoredOutputStream.builder().clearHeaders().build(out)) {
                generator.generatePublicKeyRing().encode(armour);
            }
            return out.toString(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException | PGPException | IOException e) {
            throw new IllegalStateException("cannot make an OpenPGP key ring", e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
