package org.carepath.compliance;

/** Why a communication is not marketing: the contract's {@code exception} field (an exception in the regulation's sense). */
public enum MarketingException {
    NOT_PROMOTIONAL, TREATMENT, CARE_COORDINATION, REFILL_REMINDER, OWN_HEALTH_PRODUCT, HEALTH_EDUCATION,
    GOVERNMENT_PROGRAM
}
