package org.carepath.compliance;

/** What is known about the recipient's ability to receive encrypted mail. Absent capabilities are "none". */
public record Recipient(
        String email,
        SecureMethod preferredMethod,
        SmimeCapability smime,
        PgpCapability pgp,
        Transport transport,
        boolean tlsPreventDomain) {

    public Recipient {
        smime = smime == null ? new SmimeCapability(false, false) : smime;
        pgp = pgp == null ? new PgpCapability(false, false, KeySource.PATIENT) : pgp;
        transport = transport == null ? new Transport(false, null, false, MtaSts.NONE, Dane.NONE) : transport;
    }
}
