package org.carepath.compliance;

/** The patient facts a decision needs. */
public record Patient(String id, boolean marketingOptOut, UnencryptedEmailConsent unencryptedEmailConsent) {

    /** Stands in when a what-if request names no patient. */
    public static Patient unnamed() {
        return new Patient(null, false, null);
    }
}
