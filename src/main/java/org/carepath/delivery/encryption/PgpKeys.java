package org.carepath.delivery.encryption;

import java.security.Provider;
import java.util.Date;
import java.util.Iterator;

import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * Chooses the key of a key ring that may do a job now: the primary key must carry a valid self-signature and be
 * neither revoked nor expired; a subkey needs a valid binding signature whose key flags allow the job, and must be
 * neither revoked nor expired itself. The newest such key wins, as in GnuPG. Signatures are verified, not just
 * read: a key ring is data from outside, and an unverified subkey could be anyone's.
 */
final class PgpKeys {

    private static final Provider BC = new BouncyCastleProvider();
    private static final int ENCRYPT = KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;

    private PgpKeys() {
    }

    static PGPPublicKey encryptionKey(PGPPublicKeyRing ring, Date now) {
        return choose(ring, now, ENCRYPT, "recipient", "encryption");
    }

    static PGPPublicKey signingKey(PGPPublicKeyRing ring, Date now) {
        return choose(ring, now, KeyFlags.SIGN_DATA, "signing", "signing");
    }

    private static PGPPublicKey choose(PGPPublicKeyRing ring, Date now, int flags, String who, String job) {
        PGPPublicKey primary = ring.getPublicKey();
        if (primary.hasRevocation()) {
            throw new UnusableKeyException(who + " key revoked");
        }
        PGPSignature selfSignature = newestValidSelfSignature(primary);
        if (selfSignature == null) {
            throw new UnusableKeyException(who + " key has no valid self-signature");
        }
        if (expired(primary, now)) {
            throw new UnusableKeyException(who + " key expired");
        }
        PGPPublicKey chosen = null;
        boolean expiredCandidate = false;
        boolean revokedCandidate = false;
        for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext();) {
            PGPPublicKey key = keys.next();
            PGPSignature binding = key.isMasterKey() ? selfSignature : newestValidBinding(primary, key);
            if (binding == null || !capable(key, binding, flags)) {
                continue;
            }
            if (key.hasRevocation()) {
                revokedCandidate = true;
            } else if (expired(key, now)) {
                expiredCandidate = true;
            } else if (chosen == null || key.getCreationTime().after(chosen.getCreationTime())) {
                chosen = key;
            }
        }
        if (chosen != null) {
            return chosen;
        }
        if (expiredCandidate) {
            throw new UnusableKeyException(who + " " + job + " subkey expired");
        }
        if (revokedCandidate) {
            throw new UnusableKeyException(who + " " + job + " subkey revoked");
        }
        throw new UnusableKeyException(who + " key has no " + job + "-capable subkey");
    }

    /** Key flags decide (RFC 9580 section 5.2.3.29); a signature without them falls back to the algorithm. */
    private static boolean capable(PGPPublicKey key, PGPSignature signature, int wanted) {
        boolean algorithmCan = wanted == KeyFlags.SIGN_DATA ? canSign(key.getAlgorithm()) : key.isEncryptionKey();
        if (!algorithmCan) {
            return false;
        }
        if (signature.getHashedSubPackets() == null || signature.getHashedSubPackets().getKeyFlags() == 0) {
            return true;
        }
        return (signature.getHashedSubPackets().getKeyFlags() & wanted) != 0;
    }

    private static boolean canSign(int algorithm) {
        return switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN, PublicKeyAlgorithmTags.DSA,
                    PublicKeyAlgorithmTags.ECDSA, PublicKeyAlgorithmTags.EDDSA_LEGACY, PublicKeyAlgorithmTags.Ed25519,
                    PublicKeyAlgorithmTags.Ed448 -> true;
            default -> false;
        };
    }

    private static boolean expired(PGPPublicKey key, Date now) {
        long validSeconds = key.getValidSeconds();
        return validSeconds > 0 && key.getCreationTime().getTime() + validSeconds * 1000 <= now.getTime();
    }

    private static PGPSignature newestValidSelfSignature(PGPPublicKey primary) {
        PGPSignature newest = null;
        for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext();) {
            String id = ids.next();
            for (Iterator<PGPSignature> signatures = primary.getSignaturesForID(id); signatures.hasNext();) {
                PGPSignature signature = signatures.next();
                if (signature.getKeyID() == primary.getKeyID() && signature.isCertification()
                        && verifies(signature, primary, () -> signature.verifyCertification(id, primary))) {
                    newest = newer(newest, signature);
                }
            }
        }
        for (Iterator<PGPSignature> direct = primary.getSignaturesOfType(PGPSignature.DIRECT_KEY); direct.hasNext();) {
            PGPSignature signature = direct.next();
            if (verifies(signature, primary, () -> signature.verifyCertification(primary))) {
                newest = newer(newest, signature);
            }
        }
        return newest;
    }

    private static PGPSignature newestValidBinding(PGPPublicKey primary, PGPPublicKey subkey) {
        PGPSignature newest = null;
        for (Iterator<PGPSignature> bindings = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING);
                bindings.hasNext();) {
            PGPSignature signature = bindings.next();
            if (verifies(signature, primary, () -> signature.verifyCertification(primary, subkey))) {
                newest = newer(newest, signature);
            }
        }
        return newest;
    }

    private static PGPSignature newer(PGPSignature a, PGPSignature b) {
        return a == null || b.getCreationTime().after(a.getCreationTime()) ? b : a;
    }

    private interface Check {
        boolean verify() throws PGPException;
    }

    private static boolean verifies(PGPSignature signature, PGPPublicKey signer, Check check) {
        try {
            signature.init(new JcaPGPContentVerifierBuilderProvider().setProvider(BC), signer);
            return check.verify();
        } catch (PGPException | RuntimeException e) {
            return false; // a signature we cannot check counts as no signature
        }
    }
}
