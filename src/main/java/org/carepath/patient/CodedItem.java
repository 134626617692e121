package org.carepath.patient;

/** A coded clinical item: an ICD-10 condition, a care gap ("colorectal-screening"), and so on. */
public record CodedItem(String system, String code, String display) {
}
