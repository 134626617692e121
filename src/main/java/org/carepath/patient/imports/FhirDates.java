package org.carepath.patient.imports;

import java.time.LocalDate;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/** FHIR dates as carepath keeps them: whole days. */
final class FhirDates {

    private FhirDates() {
    }

    /**
     * The calendar day written, in the time zone written with it (not the server's), or null when absent.
     * A FHIR date may be a year or a month only ("1961", "1961-04"); carepath keeps days, and guessing the
     * day would make up a birth date, so such a record is refused.
     */
    static LocalDate day(BaseDateTimeType date, String element) {
        if (date == null || date.isEmpty()) {
            return null;
        }
        if (date.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
            throw new RejectedRecord(element + " is not a full date");
        }
        return LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
    }
}
