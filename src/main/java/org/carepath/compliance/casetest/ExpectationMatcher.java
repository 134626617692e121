package org.carepath.compliance.casetest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Matches an expected answer against the actual one as the contract says: a scalar must be equal (an
 * expected null also matches an absent field), an object field by field, and every element of an expected
 * list must be in the actual list.
 */
final class ExpectationMatcher {

    /** One field that did not match. */
    record Mismatch(String field, String expected, String actual) {
        @Override
        public String toString() {
            return field + ": expected " + expected + ", actual " + actual;
        }
    }

    private ExpectationMatcher() {
    }

    static List<Mismatch> mismatches(JsonNode expected, JsonNode actual) {
        List<Mismatch> found = new ArrayList<>();
        compare("", expected, actual, found);
        return found;
    }

    private static void compare(String field, JsonNode expected, JsonNode actual, List<Mismatch> found) {
        if (expected == null || expected.isNull()) {
            if (actual != null && !actual.isNull() && !actual.isMissingNode()) {
                found.add(new Mismatch(field, "null", render(actual)));
            }
            return;
        }
        if (actual == null || actual.isNull() || actual.isMissingNode()) {
            found.add(new Mismatch(field, render(expected), "null"));
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                found.add(new Mismatch(field, render(expected), render(actual)));
                return;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String child = field.isEmpty() ? entry.getKey() : field + "." + entry.getKey();
                compare(child, entry.getValue(), actual.get(entry.getKey()), found);
            }
        } else if (expected.isArray()) {
            if (!actual.isArray()) {
                found.add(new Mismatch(field, render(expected), render(actual)));
                return;
            }
            for (JsonNode element : expected) {
                if (!contains(actual, element)) {
                    found.add(new Mismatch(field, "to contain " + render(element), render(actual)));
                }
            }
        } else if (!scalarEquals(expected, actual)) {
            found.add(new Mismatch(field, render(expected), render(actual)));
        }
    }

    private static boolean contains(JsonNode list, JsonNode element) {
        for (JsonNode candidate : list) {
            List<Mismatch> none = new ArrayList<>();
            compare("", element, candidate, none);
            if (none.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** YAML reads {@code true} and {@code 90} as typed scalars, the answer has them typed too; compare as text. */
    private static boolean scalarEquals(JsonNode expected, JsonNode actual) {
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        return actual.isValueNode() && expected.asText().equals(actual.asText());
    }

    private static String render(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }
}
