package org.carepath.compliance.decision;

import java.util.Arrays;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns a request that cannot be read into a sentence that names the field. Values are never echoed, except
 * an unknown enumeration value: request fields can carry PHI, enumeration names cannot.
 */
public final class RequestValidation {

    private RequestValidation() {
    }

    /** What is missing from a request that parsed, or null when it is complete. */
    public static String problem(DecisionRequest request) {
        if (request == null) {
            return "the request body is empty";
        }
        if (request.communication() == null) {
            return "communication is required";
        }
        if (request.communication().purpose() == null) {
            return "communication.purpose is required";
        }
        if (request.patient() != null && request.patientId() != null) {
            return "give either patient (a what-if) or patientId (facts from the registry), not both";
        }
        return null;
    }

    public static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof JsonParseException parse && !(e instanceof JsonParseException)) {
            return describe(parse);
        }
        if (e instanceof JsonParseException parse) {
            return "malformed JSON" + at(parse) + ": "
                    + parse.getOriginalMessage().replaceAll("[(:].*", "").strip();
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return field(unknown) + ": unknown field";
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            String allowed = Arrays.stream(format.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return field(format) + ": unknown value '" + format.getValue() + "'; expected one of " + allowed;
        }
        if (e instanceof MismatchedInputException mismatch) {
            String type = mismatch.getTargetType() == null ? "value" : mismatch.getTargetType().getSimpleName();
            return field(mismatch) + ": not a valid " + type;
        }
        return "malformed JSON" + at(e);
    }

    private static String at(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(body)" : path.toString();
    }
}
