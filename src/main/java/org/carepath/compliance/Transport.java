package org.carepath.compliance;

/** What the recipient's mail server offers: STARTTLS, TLS version, certificate, MTA-STS, DANE. */
public record Transport(boolean starttls, String tlsVersion, boolean certificateValid, MtaSts mtaSts, Dane dane) {

    public Transport {
        mtaSts = mtaSts == null ? MtaSts.NONE : mtaSts;
        dane = dane == null ? Dane.NONE : dane;
    }
}
