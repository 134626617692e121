package org.carepath.platform;

/**
 * A capability that keeps data encrypted under the data key. Each re-encrypts its own tables when the key
 * is rotated: the tables are its own, and so is knowing which columns are ciphertext.
 */
public interface Reencryptable {

    /** What the figures are about, e.g. "patients". */
    String name();

    /** Re-encrypts everything not yet under the current key; returns how many values were rewritten. */
    int reencrypt(CiphertextRewriter rewriter);
}
