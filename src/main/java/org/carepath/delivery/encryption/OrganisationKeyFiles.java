package org.carepath.delivery.encryption;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.PGPDigestCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The organisation's own signing keys for the embedded default: an S/MIME certificate and an OpenPGP key
 * ring, generated once into a folder of ours (owner-only) when none are configured. Production configures
 * keys its certificate authority and its key management issued; these only let a newcomer see signed,
 * encrypted mail without setup.
 */
final class OrganisationKeyFiles {

    static final String SMIME_KEY = "smime-key.pem";
    static final String SMIME_CERTIFICATE = "smime-certificate.pem";
    static final String PGP_SECRET_KEY = "pgp-secret-key.asc";

    private static final Provider BC = new BouncyCastleProvider();

    private OrganisationKeyFiles() {
    }

    /** Writes the three files into {@code folder} unless they are there already. */
    static void ensure(Path folder, String organisation, String address, char[] passphrase) {
        try {
            if (Files.exists(folder.resolve(SMIME_CERTIFICATE)) && Files.exists(folder.resolve(PGP_SECRET_KEY))) {
                return;
            }
            Files.createDirectories(folder);
            KeyPair smime = rsa();
            write(folder.resolve(SMIME_KEY), pem(smime.getPrivate()));
            write(folder.resolve(SMIME_CERTIFICATE), pem(certificate(smime, organisation, address)));
            write(folder.resolve(PGP_SECRET_KEY), pgpSecretRing(organisation + " <" + address + ">", passphrase));
        } catch (IOException | GeneralSecurityException | PGPException e) {
            throw new IllegalStateException("cannot create the organisation's keys in " + folder, e);
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        return generator.generateKeyPair();
    }

    private static java.security.cert.X509Certificate certificate(KeyPair keys, String organisation, String address)
            throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=" + organisation + " secure mail, E=" + address);
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(730))), name,
                keys.getPublic());
        // its own trust anchor, so that openssl cms -verify -CAfile accepts it
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        builder.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation | KeyUsage.keyCertSign));
        builder.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    /** An RSA primary key that signs and certifies, with an RSA subkey that encrypts, as gpg would make. */
    private static String pgpSecretRing(String userId, char[] passphrase)
            throws GeneralSecurityException, PGPException, IOException {
        Date now = new Date();
        PGPKeyPair primary = new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), now);
        PGPKeyPair subkey = new JcaPGPKeyPair(PublicKeyAlgorithmTags.RSA_GENERAL, rsa(), now);
        PGPSignatureSubpacketGenerator primaryFlags = new PGPSignatureSubpacketGenerator();
        primaryFlags.setKeyFlags(false, KeyFlags.SIGN_DATA | KeyFlags.CERTIFY_OTHER);
        primaryFlags.setPreferredSymmetricAlgorithms(false, new int[] {SymmetricKeyAlgorithmTags.AES_256});
        primaryFlags.setPreferredHashAlgorithms(false, new int[] {HashAlgorithmTags.SHA256});
        primaryFlags.setKeyExpirationTime(false, Duration.ofDays(730).toSeconds());
        PGPSignatureSubpacketGenerator subkeyFlags = new PGPSignatureSubpacketGenerator();
        subkeyFlags.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
        subkeyFlags.setKeyExpirationTime(false, Duration.ofDays(730).toSeconds());
        PGPDigestCalculator sha1 = new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1);
        PGPKeyRingGenerator generator = new PGPKeyRingGenerator(PGPSignature.POSITIVE_CERTIFICATION, primary,
                userId, sha1, primaryFlags.generate(), null,
                new JcaPGPContentSignerBuilder(PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256)
                        .setProvider(BC),
                new JcePBESecretKeyEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256, sha1).setProvider(BC)
                        .build(passphrase));
        generator.addSubKey(subkey, subkeyFlags.generate(), null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armour = ArmoredOutputStream.builder().clearHeaders().build(out)) {
            generator.generateSecretKeyRing().encode(armour);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own protection has to do
        }
    }
}
