package org.carepath.patient.imports;

import java.util.regex.Pattern;

import ca.uhn.fhir.parser.LenientErrorHandler;

/**
 * How HAPI reads an import: a malformed value (a date that is no date, an unknown code) fails the resource,
 * so nothing half-read is stored; unknown elements are ignored, as other FHIR versions and profiles add
 * some. Nothing is logged: HAPI's own messages quote the value, which can be PHI.
 */
final class ValueErrorsFail extends LenientErrorHandler {

    /** An element name as FHIR defines them; the name comes from the model, not from the record. */
    private static final Pattern ELEMENT = Pattern.compile("[a-z][A-Za-z]{0,63}");

    ValueErrorsFail() {
        super(false);
        setErrorOnInvalidValue(true);
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        String element = location == null ? null : location.getParentElementName();
        throw new InvalidValue(element != null && ELEMENT.matcher(element).matches()
                ? "invalid value in element " + element : "invalid value");
    }

    static final class InvalidValue extends RuntimeException {
        InvalidValue(String reason) {
            super(reason, null, false, false);
        }
    }
}
