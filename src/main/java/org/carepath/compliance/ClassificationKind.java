package org.carepath.compliance;

/** The answer to "is this marketing under 45 CFR 164.501, or a sale of PHI?". */
public enum ClassificationKind { MARKETING, NOT_MARKETING, SALE_OF_PHI }
