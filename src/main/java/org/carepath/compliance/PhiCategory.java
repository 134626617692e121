package org.carepath.compliance;

/** Categories of PHI used to target or fill a message, and described by an authorization. */
public enum PhiCategory {
    DEMOGRAPHICS, CONTACT, APPOINTMENTS, CONDITIONS, MEDICATIONS, TREATMENT_HISTORY, LAB_RESULTS, INSURANCE
}
