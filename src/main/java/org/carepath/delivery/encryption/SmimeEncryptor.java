package org.carepath.delivery.encryption;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapabilitiesAttribute;
import org.bouncycastle.asn1.smime.SMIMECapability;
import org.bouncycastle.asn1.smime.SMIMECapabilityVector;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSAuthEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.OutputAEADEncryptor;
import org.bouncycastle.operator.OutputEncryptor;

/**
 * S/MIME 4.0 (RFC 8551) for one recipient: the content is signed by the organisation (multipart/signed, detached
 * CMS SignedData, SHA-256, the signer's certificate included), then the signed entity is encrypted to the
 * recipient's certificate (application/pkcs7-mime, CMS EnvelopedData with AES-256-CBC or AuthEnvelopedData with
 * AES-256-GCM). Signing inside the encryption hides who signed from anyone but the recipient, and the recipient
 * can still keep the signed entity as proof after decrypting.
 */
public final class SmimeEncryptor {

    private static final String EKU_EMAIL_PROTECTION = "1.3.6.1.5.5.7.3.4";
    private static final String EKU_ANY = "2.5.29.37.0";
    /** KeyUsage bits as indexed by X509Certificate.getKeyUsage(). */
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;
    private static final int KEY_ENCIPHERMENT = 2;

    /** Our own instance, not registered globally: other code keeps whatever providers it configured. */
    private static final Provider BC = new BouncyCastleProvider();

    private final PrivateKey signingKey;
    private final X509Certificate signingCertificate;
    private final Clock clock;
    private final Session session;

    public SmimeEncryptor(PrivateKey signingKey, X509Certificate signingCertificate) {
        this(signingKey, signingCertificate, Clock.systemUTC(), Session.getInstance(new Properties()));
    }

    public SmimeEncryptor(PrivateKey signingKey, X509Certificate signingCertificate, Clock clock, Session session) {
        this.signingKey = signingKey;
        this.signingCertificate = signingCertificate;
        this.clock = clock;
        this.session = session;
    }

    /** Encrypts with the cipher the certificate advertises ({@link SmimeCipher#forRecipient}). */
    public EncryptedMessage encrypt(MimeMessage message, X509Certificate recipient) {
        return encrypt(message, recipient, SmimeCipher.forRecipient(recipient));
    }

    public EncryptedMessage encrypt(MimeMessage message, X509Certificate recipient, SmimeCipher cipher) {
        Date now = Date.from(clock.instant());
        checkRecipient(recipient, now);
        checkSigner(now);
        try {
            byte[] signed = signedEntity(MimeEntities.canonicalContent(message));
            byte[] enveloped = envelope(signed, recipient, cipher);
            String headers = "Content-Type: application/pkcs7-mime; smime-type=" + cipher.smimeType()
                    + "; name=\"smime.p7m\"" + MimeEntities.CRLF
                    + "Content-Transfer-Encoding: base64" + MimeEntities.CRLF
                    + "Content-Disposition: attachment; filename=\"smime.p7m\"" + MimeEntities.CRLF;
            MimeMessage outer = MimeEntities.outerMessage(session, message, headers,
                    MimeEntities.base64Lines(enveloped));
            return new EncryptedMessage(outer, "S/MIME " + cipher.label(), evidence(recipient));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("the message could not be prepared for S/MIME", e);
        } catch (CMSException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("S/MIME signing or encryption failed", e);
        }
    }

    /**
     * multipart/signed (RFC 8551 section 3.5.3) written by hand: the first part must be carried exactly as signed,
     * and a MIME library that re-folds or re-encodes it would break the signature.
     */
    private byte[] signedEntity(byte[] content)
            throws CMSException, OperatorCreationException, GeneralSecurityException, IOException {
        CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
        generator.addSignerInfoGenerator(new JcaSimpleSignerInfoGeneratorBuilder()
                .setProvider(BC)
                .setSignedAttributeGenerator(new AttributeTable(capabilitiesAttribute()))
                .build(signatureAlgorithm(), signingKey, signingCertificate));
        generator.addCertificates(new JcaCertStore(List.of(signingCertificate)));
        byte[] signature = generator.generate(new CMSProcessableByteArray(content), false).getEncoded();

        String boundary = MimeEntities.boundary("signed");
        String crlf = MimeEntities.CRLF;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(MimeEntities.ascii("Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\";"
                + " micalg=sha-256;" + crlf + "\tboundary=\"" + boundary + "\"" + crlf + crlf
                + "This is an S/MIME signed message." + crlf + crlf
                + "--" + boundary + crlf));
        out.write(content);
        out.write(MimeEntities.ascii(crlf + "--" + boundary + crlf
                + "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"" + crlf
                + "Content-Transfer-Encoding: base64" + crlf
                + "Content-Disposition: attachment; filename=\"smime.p7s\"" + crlf + crlf));
        out.write(MimeEntities.base64Lines(signature));
        out.write(MimeEntities.ascii(crlf + "--" + boundary + "--" + crlf));
        return out.toByteArray();
    }

    /** Tells the recipient's client what to answer with (RFC 8551 section 2.5.2): GCM first, then CBC. */
    private static ASN1EncodableVector capabilitiesAttribute() {
        SMIMECapabilityVector capabilities = new SMIMECapabilityVector();
        capabilities.addCapability(NISTObjectIdentifiers.id_aes256_GCM);
        capabilities.addCapability(NISTObjectIdentifiers.id_aes256_CBC);
        capabilities.addCapability(SMIMECapability.aES128_CBC);
        ASN1EncodableVector attributes = new ASN1EncodableVector();
        attributes.add(new SMIMECapabilitiesAttribute(capabilities));
        return attributes;
    }

    private byte[] envelope(byte[] signed, X509Certificate recipient, SmimeCipher cipher)
            throws CMSException, GeneralSecurityException, IOException {
        // RSA key transport with PKCS #1 v1.5: the one every S/MIME client decrypts (RFC 8551 section 2.3)
        JceKeyTransRecipientInfoGenerator recipientInfo =
                new JceKeyTransRecipientInfoGenerator(recipient).setProvider(BC);
        CMSProcessableByteArray content = new CMSProcessableByteArray(signed);
        if (cipher == SmimeCipher.AES_256_GCM) {
            CMSAuthEnvelopedDataGenerator generator = new CMSAuthEnvelopedDataGenerator();
            generator.addRecipientInfoGenerator(recipientInfo);
            OutputAEADEncryptor encryptor = (OutputAEADEncryptor) new JceCMSContentEncryptorBuilder(
                    CMSAlgorithm.AES256_GCM).setProvider(BC).build();
            return generator.generate(content, encryptor).getEncoded();
        }
        CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
        generator.addRecipientInfoGenerator(recipientInfo);
        OutputEncryptor encryptor = new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(BC).build();
        return generator.generate(content, encryptor).getEncoded();
    }

    private String signatureAlgorithm() {
        return switch (signingKey.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new UnusableKeyException("signing key algorithm not supported");
        };
    }

    /**
     * Checks a recipient's certificate as {@link #encrypt} would at {@code at}, for registering it: answers
     * the evidence string (serial and fingerprint), or throws {@link UnusableKeyException} saying what is wrong.
     */
    public static String checkRecipientCertificate(X509Certificate recipient, java.time.Instant at) {
        checkRecipient(recipient, Date.from(at));
        try {
            return evidence(recipient);
        } catch (GeneralSecurityException e) {
            throw new UnusableKeyException("recipient certificate cannot be encoded", e);
        }
    }

    private static void checkRecipient(X509Certificate recipient, Date now) {
        checkValidity(recipient, now, "recipient certificate");
        if (!(recipient.getPublicKey() instanceof RSAPublicKey)) {
            throw new UnusableKeyException("recipient certificate key type not supported for encryption (RSA only)");
        }
        boolean[] keyUsage = recipient.getKeyUsage();
        if (keyUsage != null && !keyUsage[KEY_ENCIPHERMENT]) {
            throw new UnusableKeyException("recipient certificate does not allow key encipherment");
        }
        checkEmailProtection(recipient, "recipient certificate");
    }

    private void checkSigner(Date now) {
        checkValidity(signingCertificate, now, "signing certificate");
        boolean[] keyUsage = signingCertificate.getKeyUsage();
        if (keyUsage != null && !keyUsage[DIGITAL_SIGNATURE] && !keyUsage[NON_REPUDIATION]) {
            throw new UnusableKeyException("signing certificate does not allow digital signatures");
        }
        checkEmailProtection(signingCertificate, "signing certificate");
    }

    private static void checkValidity(X509Certificate certificate, Date now, String which) {
        try {
            certificate.checkValidity(now);
        } catch (CertificateExpiredException e) {
            throw new UnusableKeyException(which + " expired");
        } catch (CertificateNotYetValidException e) {
            throw new UnusableKeyException(which + " not yet valid");
        }
    }

    /** Without the extension any use is allowed; with it, S/MIME needs emailProtection (RFC 8550 section 4.4.4). */
    private static void checkEmailProtection(X509Certificate certificate, String which) {
        try {
            List<String> extendedUsage = certificate.getExtendedKeyUsage();
            if (extendedUsage != null && !extendedUsage.contains(EKU_EMAIL_PROTECTION)
                    && !extendedUsage.contains(EKU_ANY)) {
                throw new UnusableKeyException(which + " is not for email protection (extended key usage)");
            }
        } catch (CertificateParsingException e) {
            throw new UnusableKeyException(which + " has a malformed extended key usage");
        }
    }

    /** Serial and SHA-256 fingerprint: no subject or issuer name, which may carry the patient's name or address. */
    private static String evidence(X509Certificate certificate) throws GeneralSecurityException {
        byte[] fingerprint = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
        return "x509 serial=" + certificate.getSerialNumber().toString(16)
                + " sha256=" + HexFormat.of().formatHex(fingerprint);
    }
}
