package org.carepath.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A patient's written authorization (45 CFR 164.508), recorded as it was signed, defects and all. */
public record Authorization(
        String id,
        String patientId,
        Instant signedAt,
        String signature,
        Representative representative,
        List<PhiCategory> information,
        List<String> disclosers,
        List<String> recipients,
        List<Purpose> purposes,
        List<String> campaignIds,
        List<String> sponsors,
        Instant expiresAt,
        String expirationEvent,
        boolean expirationEventOccurred,
        AuthorizationStatements statements,
        Boolean plainLanguage,
        boolean compound,
        boolean conditioned,
        Instant revocationReceivedAt,
        boolean knownFalse) {

    public Authorization {
        information = Lists.orEmpty(information);
        disclosers = Lists.orEmpty(disclosers);
        recipients = Lists.orEmpty(recipients);
        purposes = Lists.orEmpty(purposes);
        campaignIds = Lists.orEmpty(campaignIds);
        sponsors = Lists.orEmpty(sponsors);
        statements = statements == null ? AuthorizationStatements.none() : statements;
        // plain language is a reviewer's judgement recorded only when it fails
        plainLanguage = plainLanguage == null ? Boolean.TRUE : plainLanguage;
    }

    /**
     * Hashes a subset of the fields, so it stays consistent with the record's equals, which compares them all.
     * The rules' truth maintenance hashes every result fact that names an authorization, and hashing every list
     * of it showed in the decision profile.
     */
    @Override
    public int hashCode() {
        return Objects.hash(id, patientId, signedAt);
    }
}
