package org.carepath.delivery.encryption;

import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.smime.SMIMECapability;

/**
 * The content encryption of an S/MIME message. The caller chooses; {@link #forRecipient} proposes one from what
 * the certificate advertises.
 */
public enum SmimeCipher {

    /** EnvelopedData with id-aes256-CBC: what every S/MIME client since the 2000s can read. */
    AES_256_CBC("AES-256-CBC", "enveloped-data"),
    /** AuthEnvelopedData (RFC 5083) with id-aes256-GCM (RFC 5084): authenticated, but fewer clients read it. */
    AES_256_GCM("AES-256-GCM", "authEnveloped-data");

    private final String label;
    private final String smimeType;

    SmimeCipher(String label, String smimeType) {
        this.label = label;
        this.smimeType = smimeType;
    }

    public String label() {
        return label;
    }

    /** The {@code smime-type} parameter of application/pkcs7-mime (RFC 8551 section 3.2.2). */
    String smimeType() {
        return smimeType;
    }

    /**
     * GCM when the certificate carries an SMIMECapabilities extension (RFC 4262) listing id-aes256-GCM, otherwise
     * CBC: a recipient that never said it reads AuthEnvelopedData may well not, and an unreadable message is a
     * failed delivery.
     */
    public static SmimeCipher forRecipient(X509Certificate certificate) {
        byte[] extension = certificate.getExtensionValue(PKCSObjectIdentifiers.pkcs_9_at_smimeCapabilities.getId());
        if (extension == null) {
            return AES_256_CBC;
        }
        try {
            ASN1Sequence capabilities = ASN1Sequence.getInstance(ASN1OctetString.getInstance(extension).getOctets());
            for (int i = 0; i < capabilities.size(); i++) {
                ASN1ObjectIdentifier oid = SMIMECapability.getInstance(capabilities.getObjectAt(i)).getCapabilityID();
                if (NISTObjectIdentifiers.id_aes256_GCM.equals(oid)) {
                    return AES_256_GCM;
                }
            }
        } catch (IllegalArgumentException malformed) {
            // a broken optional extension is no reason to refuse the certificate: fall back to the safe choice
        }
        return AES_256_CBC;
    }
}
