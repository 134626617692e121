package org.carepath.cli;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.carepath.compliance.KeySource;
import org.carepath.compliance.SecureMethod;
import org.carepath.delivery.capability.RecipientKeys;
import org.carepath.delivery.encryption.PgpKeyRings;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;

/**
 * Invented patients for one path of the delivery benchmark, all at one domain the sink takes: with no key
 * (the rules choose verified TLS), with an S/MIME certificate (S/MIME), or with an OpenPGP key (PGP). Keys are
 * registered through {@link RecipientKeys}, so they are checked and stored as a patient's would be.
 *
 * <p>Each S/MIME patient gets a certificate of their own, all over one RSA key pair: generating thousands of
 * key pairs would take minutes and changes nothing the encryptor does. The PGP patients share one key ring.
 */
final class BenchRecipients {

    static final String DOMAIN = "patients.example";

    private final PatientRegistry patients;
    private final RecipientKeys keys;
    private KeyPair rsa;
    private String pgpKey;

    BenchRecipients(PatientRegistry patients, RecipientKeys keys) {
        this.patients = patients;
        this.keys = keys;
    }

    /** Creates {@code count} patients for the path and returns their ids and addresses. */
    List<Recipient> create(String path, int count) {
        List<Recipient> created = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "bench-" + path + "-" + i;
            String email = id + "@" + DOMAIN;
            patients.save(new PatientDetails(id, "Bench Patient " + i, email, null, null, null, null, false, null));
            switch (path) {
                case "smime" -> keys.register(id, SecureMethod.SMIME, KeySource.PATIENT, certificatePem(email));
                case "pgp" -> keys.register(id, SecureMethod.PGP, KeySource.PATIENT, pgpKey());
                default -> {
                    // no key: the rules choose verified TLS
                }
            }
            created.add(new Recipient(id, email));
        }
        return created;
    }

    record Recipient(String patientId, String email) {
    }

    /** A self-signed recipient certificate for e-mail encryption, as the S/MIME tests make theirs. */
    private String certificatePem(String email) {
        try {
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=Bench Patient, E=" + email);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(System.nanoTime()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(365))), name, rsa().getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyEncipherment | KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_emailProtection));
            var certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(rsa().getPrivate())));
            StringWriter text = new StringWriter();
            try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
                writer.writeObject(certificate);
            }
            return text.toString();
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a bench certificate", e);
        }
    }

    /** One armoured public key ring shared by the PGP patients (see the class comment). */
    private String pgpKey() {
        if (pgpKey == null) {
            pgpKey = PgpKeyRings.publicRing("Bench Patients <pgp@" + DOMAIN + ">",
                    new Date(System.currentTimeMillis() - Duration.ofDays(1).toMillis()));
        }
        return pgpKey;
    }

    private KeyPair rsa() throws GeneralSecurityException {
        if (rsa == null) {
            rsa = newRsa();
        }
        return rsa;
    }

    private static KeyPair newRsa() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }
}
