package org.carepath.delivery.encryption;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * PGP/MIME (RFC 3156) for one recipient: the content entity is signed by the organisation and encrypted to the
 * recipient in one OpenPGP message, as {@code gpg --sign --encrypt} makes it: a public-key encrypted session
 * key, then SEIPD (integrity protected, AES-256) holding a one-pass signature, the literal data (the MIME entity,
 * binary, CRLF) and the signature. SEIPD version 1 with its MDC, not the AEAD version 2 of RFC 9580, because
 * GnuPG 2.2 and most installed clients read only version 1. No compression: mail bodies are small, compression
 * inside encryption is a known side channel, and nothing is gained that the transport does not already do.
 */
public final class PgpMimeEncryptor {

    private static final Provider BC = new BouncyCastleProvider();
    private static final JcaKeyFingerprintCalculator FINGERPRINTS = new JcaKeyFingerprintCalculator();

    private final PGPPublicKey signingPublicKey;
    private final PGPPrivateKey signingKey;
    private final Clock clock;
    private final Session session;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param armouredSecretKey the organisation's secret key ring (ASCII armour, as {@code gpg --export-secret-keys
     *                          --armor} writes it); its newest valid signing-capable key signs
     */
    public PgpMimeEncryptor(String armouredSecretKey, char[] passphrase) {
        this(armouredSecretKey, passphrase, Clock.systemUTC(), Session.getInstance(new Properties()));
    }

    public PgpMimeEncryptor(String armouredSecretKey, char[] passphrase, Clock clock, Session session) {
        this.clock = clock;
        this.session = session;
        PGPSecretKey secret = signingKey(readSecretRing(armouredSecretKey), Date.from(clock.instant()));
        this.signingPublicKey = secret.getPublicKey();
        try {
            this.signingKey = secret.extractPrivateKey(
                    new JcePBESecretKeyDecryptorBuilder().setProvider(BC).build(passphrase));
        } catch (PGPException e) {
            throw new UnusableKeyException("signing key cannot be unlocked (wrong passphrase?)", e);
        }
    }

    /**
     * Checks a recipient's key as {@link #encrypt} would at {@code at}, for registering it: answers the
     * evidence string (fingerprints), or throws {@link UnusableKeyException} saying what is wrong.
     */
    public static String checkRecipientKey(String armouredPublicKey, java.time.Instant at) {
        PGPPublicKeyRing ring = readPublicRing(armouredPublicKey);
        return evidence(ring, PgpKeys.encryptionKey(ring, Date.from(at)));
    }

    /** @param armouredPublicKey the recipient's public key ring, ASCII-armoured (one key) */
    public EncryptedMessage encrypt(MimeMessage message, String armouredPublicKey) {
        Date now = Date.from(clock.instant());
        PGPPublicKeyRing recipient = readPublicRing(armouredPublicKey);
        PGPPublicKey encryptionKey = PgpKeys.encryptionKey(recipient, now);
        try {
            byte[] content = MimeEntities.canonicalContent(message);
            byte[] armoured = signAndEncrypt(content, encryptionKey, now);
            String boundary = MimeEntities.boundary("encrypted");
            String crlf = MimeEntities.CRLF;
            String headers = "Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\";" + crlf
                    + "\tboundary=\"" + boundary + "\"" + crlf
                    + "Content-Transfer-Encoding: 7bit" + crlf;
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(MimeEntities.ascii("This is an OpenPGP/MIME encrypted message (RFC 3156)." + crlf
                    + "--" + boundary + crlf
                    + "Content-Type: application/pgp-encrypted" + crlf
                    + "Content-Description: PGP/MIME version identification" + crlf + crlf
                    + "Version: 1" + crlf + crlf
                    + "--" + boundary + crlf
                    + "Content-Type: application/octet-stream; name=\"encrypted.asc\"" + crlf
                    + "Content-Description: OpenPGP encrypted message" + crlf
                    + "Content-Disposition: inline; filename=\"encrypted.asc\"" + crlf + crlf));
            body.write(armoured);
            body.write(MimeEntities.ascii(crlf + "--" + boundary + "--" + crlf));
            MimeMessage outer = MimeEntities.outerMessage(session, message, headers, body.toByteArray());
            return new EncryptedMessage(outer, "PGP/MIME AES-256 SEIPD", evidence(recipient, encryptionKey));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("the message could not be prepared for PGP/MIME", e);
        } catch (PGPException e) {
            throw new IllegalStateException("OpenPGP signing or encryption failed", e);
        }
    }

    private byte[] signAndEncrypt(byte[] content, PGPPublicKey encryptionKey, Date now)
            throws IOException, PGPException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ArmoredOutputStream armour = new ArmoredOutputStream(out);
        armour.clearHeaders(); // no "Version: BCPG ..." line: it tells an attacker which library to aim at

        PGPEncryptedDataGenerator encryption = new PGPEncryptedDataGenerator(
                new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                        .setWithIntegrityPacket(true).setSecureRandom(random).setProvider(BC));
        encryption.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(encryptionKey)
                .setSecureRandom(random).setProvider(BC));
        OutputStream encrypted = encryption.open(armour, new byte[1 << 16]);

        PGPSignatureGenerator signature = new PGPSignatureGenerator(new JcaPGPContentSignerBuilder(
                signingPublicKey.getAlgorithm(), HashAlgorithmTags.SHA256).setProvider(BC), signingPublicKey);
        signature.init(PGPSignature.BINARY_DOCUMENT, signingKey);
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setSignatureCreationTime(false, now);
        hashed.setIssuerFingerprint(false, signingPublicKey);
        hashed.setIssuerKeyID(false, signingPublicKey.getKeyID());
        signature.setHashedSubpackets(hashed.generate());
        signature.generateOnePassVersion(false).encode(encrypted);

        PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
        try (OutputStream literalOut = literal.open(encrypted, PGPLiteralData.BINARY, "", content.length, now)) {
            literalOut.write(content);
        }
        signature.update(content);
        signature.generate().encode(encrypted);
        encrypted.close();
        armour.close();
        return MimeEntities.toCrlf(out.toByteArray());
    }

    private static PGPPublicKeyRing readPublicRing(String armoured) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        try {
            new PGPPublicKeyRingCollection(PGPUtil.getDecoderStream(stream(armoured)), FINGERPRINTS)
                    .forEach(rings::add);
        } catch (IOException | PGPException | RuntimeException e) {
            throw new UnusableKeyException("recipient key is not a readable OpenPGP public key", e);
        }
        if (rings.isEmpty()) {
            throw new UnusableKeyException("recipient key is not a readable OpenPGP public key");
        }
        if (rings.size() > 1) {
            throw new UnusableKeyException("recipient key file must hold exactly one OpenPGP key, found "
                    + rings.size());
        }
        return rings.get(0);
    }

    private static PGPSecretKeyRing readSecretRing(String armoured) {
        List<PGPSecretKeyRing> rings = new ArrayList<>();
        try {
            new PGPSecretKeyRingCollection(PGPUtil.getDecoderStream(stream(armoured)), FINGERPRINTS)
                    .forEach(rings::add);
        } catch (IOException | PGPException | RuntimeException e) {
            throw new UnusableKeyException("signing key is not a readable OpenPGP secret key", e);
        }
        if (rings.isEmpty()) {
            throw new UnusableKeyException("signing key is not a readable OpenPGP secret key");
        }
        if (rings.size() > 1) {
            throw new UnusableKeyException("signing key file must hold exactly one OpenPGP key, found "
                    + rings.size());
        }
        return rings.get(0);
    }

    private static PGPSecretKey signingKey(PGPSecretKeyRing ring, Date now) {
        PGPPublicKeyRing publicRing = new PGPPublicKeyRing(toList(ring.getPublicKeys()));
        PGPPublicKey key = PgpKeys.signingKey(publicRing, now);
        PGPSecretKey secret = ring.getSecretKey(key.getKeyID());
        if (secret == null || secret.isPrivateKeyEmpty()) {
            throw new UnusableKeyException("signing key has no secret part (a stub exported from a smart card?)");
        }
        return secret;
    }

    private static List<PGPPublicKey> toList(Iterator<PGPPublicKey> keys) {
        List<PGPPublicKey> list = new ArrayList<>();
        keys.forEachRemaining(list::add);
        return list;
    }

    private static ByteArrayInputStream stream(String armoured) {
        return new ByteArrayInputStream(armoured.getBytes(StandardCharsets.US_ASCII));
    }

    /** Fingerprints only: a user id holds the recipient's name and address. */
    private static String evidence(PGPPublicKeyRing ring, PGPPublicKey encryptionKey) {
        HexFormat hex = HexFormat.of().withUpperCase();
        return "openpgp fingerprint=" + hex.formatHex(ring.getPublicKey().getFingerprint())
                + " subkey=" + hex.formatHex(encryptionKey.getFingerprint());
    }
}
