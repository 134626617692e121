package org.carepath.patient.imports;

import java.util.List;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Consent;

/**
 * Consent → the patient's marketing preference, and nothing more. An active Consent about marketing (a
 * category or provision purpose coded {@code MARKETING}, or HL7 ActReason {@code HMARKT}) that denies is an
 * opt-out; one that permits opts back in. carepath's authorizations (45 CFR 164.508) are signed forms with
 * required statements a FHIR Consent does not carry, so a Consent never becomes one: other Consents are
 * skipped.
 */
final class MarketingConsentMapping {

    private static final List<String> MARKETING = List.of("MARKETING", "HMARKT");

    private MarketingConsentMapping() {
    }

    /** True for an opt-out, false for an opt-in. */
    static boolean optOut(Consent consent) {
        if (consent.getStatus() != Consent.ConsentState.ACTIVE) {
            throw new SkippedRecord("consent not active");
        }
        boolean marketing = consent.getCategory().stream().map(CodeableConcept::getCoding)
                .anyMatch(codings -> CodedConcepts.anyCodeIgnoringCase(codings, MARKETING))
                || CodedConcepts.anyCodeIgnoringCase(consent.getProvision().getPurpose(), MARKETING);
        if (!marketing || !consent.getProvision().hasType()) {
            throw new SkippedRecord("not a marketing opt-out");
        }
        return consent.getProvision().getType() == Consent.ConsentProvisionType.DENY;
    }
}
