package org.carepath.compliance;

/** What the sender says the message is for; the rules decide what that means under 45 CFR 164.501. */
public enum Purpose {
    TREATMENT, APPOINTMENT_REMINDER, CARE_COORDINATION, REFILL_REMINDER, OWN_HEALTH_PRODUCT,
    PLAN_BENEFITS, HEALTH_EDUCATION, GOVERNMENT_PROGRAM, ADMINISTRATIVE, PROMOTION
}
