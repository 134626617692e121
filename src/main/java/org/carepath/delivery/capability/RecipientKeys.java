package org.carepath.delivery.capability;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.carepath.compliance.KeySource;
import org.carepath.compliance.PgpCapability;
import org.carepath.compliance.SecureMethod;
import org.carepath.compliance.SmimeCapability;
import org.carepath.delivery.encryption.PgpMimeEncryptor;
import org.carepath.delivery.encryption.SmimeEncryptor;
import org.carepath.delivery.encryption.UnusableKeyException;
import org.carepath.platform.CiphertextRewriter;
import org.carepath.platform.FieldCipher;
import org.carepath.platform.Reencryptable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The keys patients registered for end-to-end encryption, and what they make of the recipient facts: a key
 * counts as usable only if the encryptor would accept it at the moment of the decision (an expired key turns
 * {@code valid} false, and the rules fall back to TLS or the portal).
 */
@Service
public class RecipientKeys implements Reencryptable {

    private static final String KEY = "recipient_key.key";

    private final JdbcTemplate jdbc;
    private final FieldCipher cipher;
    private final Clock clock = Clock.systemUTC();

    public RecipientKeys(JdbcTemplate jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** A registered key as listed: its evidence, never the key text (a certificate names its owner). */
    public record RegisteredKey(String id, SecureMethod kind, KeySource source, String evidence,
                                Instant registeredAt) {
    }

    /** Registers a key after checking it as the encryptor will; an unusable one is refused with the reason. */
    public RegisteredKey register(String patientId, SecureMethod kind, KeySource source, String keyText) {
        String evidence = check(kind, keyText, clock.instant());
        RegisteredKey key = new RegisteredKey("k-" + UUID.randomUUID(), kind, source, evidence, clock.instant());
        jdbc.update("insert into carepath.recipient_key (id, patient_id, kind, source, key_ct, evidence,"
                        + " registered_at) values (?, ?, ?, ?, ?, ?, ?)", key.id(), patientId, kind.name(),
                source.name(), cipher.encrypt(keyText.getBytes(StandardCharsets.UTF_8), KEY), evidence,
                Timestamp.from(key.registeredAt()));
        return key;
    }

    public List<RegisteredKey> of(String patientId) {
        return jdbc.query("select id, kind, source, evidence, registered_at from carepath.recipient_key"
                        + " where patient_id = ? and withdrawn_at is null order by registered_at",
                (rs, n) -> new RegisteredKey(rs.getString("id"), SecureMethod.valueOf(rs.getString("kind")),
                        KeySource.valueOf(rs.getString("source")), rs.getString("evidence"),
                        rs.getTimestamp("registered_at").toInstant()), patientId);
    }

    public boolean withdraw(String patientId, String keyId) {
        return jdbc.update("update carepath.recipient_key set withdrawn_at = now() where id = ? and patient_id = ?"
                + " and withdrawn_at is null", keyId, patientId) == 1;
    }

    /** The newest key of a kind, as text, for the encryptor. */
    public Optional<String> newest(String patientId, SecureMethod kind) {
        return jdbc.query("select key_ct from carepath.recipient_key where patient_id = ? and kind = ?"
                        + " and withdrawn_at is null order by registered_at desc limit 1",
                (rs, n) -> new String(cipher.decrypt(rs.getBytes("key_ct"), KEY), StandardCharsets.UTF_8),
                patientId, kind.name()).stream().findFirst();
    }

    /** The newest S/MIME certificate on file, for the encryptor. */
    public Optional<X509Certificate> newestCertificate(String patientId) {
        return newest(patientId, SecureMethod.SMIME).map(RecipientKeys::certificate);
    }

    /** The recipient's S/MIME and OpenPGP facts for a decision. */
    public record Capabilities(SmimeCapability smime, PgpCapability pgp) {
    }

    /**
     * Both facts for a decision at {@code at}, in one query (it runs before every send): for each kind, the
     * newest key on file and whether it is usable then, and for OpenPGP where the key came from.
     */
    public Capabilities capabilitiesAt(String patientId, Instant at) {
        SmimeCapability smime = new SmimeCapability(false, false);
        PgpCapability pgp = new PgpCapability(false, false, KeySource.PATIENT);
        for (Map.Entry<SecureMethod, String[]> newest : jdbc.query("select distinct on (kind) kind, key_ct, source"
                        + " from carepath.recipient_key where patient_id = ? and withdrawn_at is null"
                        + " order by kind, registered_at desc", (rs, n) -> Map.entry(SecureMethod.valueOf(rs.getString("kind")),
                        new String[] {new String(cipher.decrypt(rs.getBytes("key_ct"), KEY), StandardCharsets.UTF_8),
                                rs.getString("source")}), patientId)) {
            String text = newest.getValue()[0];
            if (newest.getKey() == SecureMethod.SMIME) {
                smime = new SmimeCapability(true, usable(SecureMethod.SMIME, text, at));
            } else if (newest.getKey() == SecureMethod.PGP) {
                pgp = new PgpCapability(true, usable(SecureMethod.PGP, text, at),
                        KeySource.valueOf(newest.getValue()[1]));
            }
        }
        return new Capabilities(smime, pgp);
    }

    @Override
    public String name() {
        return "recipient keys";
    }

    @Override
    public int reencrypt(CiphertextRewriter rewriter) {
        return rewriter.rewrite("carepath.recipient_key", "id", Map.of("key_ct", KEY));
    }

    private static boolean usable(SecureMethod kind, String text, Instant at) {
        try {
            check(kind, text, at);
            return true;
        } catch (UnusableKeyException e) {
            return false;
        }
    }

    private static String check(SecureMethod kind, String text, Instant at) {
        return kind == SecureMethod.PGP ? PgpMimeEncryptor.checkRecipientKey(text, at)
                : SmimeEncryptor.checkRecipientCertificate(certificate(text), at);
    }

    private static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw new UnusableKeyException("recipient certificate is not a readable X.509 certificate");
        }
    }
}
