package org.carepath.compliance;

import java.time.Instant;

/** The patient's request for unencrypted email after being told the risk. */
public record UnencryptedEmailConsent(Instant riskWarningShownAt, Instant confirmedAt, Instant withdrawnAt) {
}
