package org.carepath.delivery.compose;

/** The one check every value passes before it goes into a header. */
final class HeaderValues {

    private HeaderValues() {
    }

    static boolean hasLineBreak(CharSequence value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                return true;
            }
        }
        return false;
    }

    /** Returns the value, or refuses it naming {@code what} (a header or variable name, never the value). */
    static String requireSingleLine(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        if (hasLineBreak(value)) {
            throw new HeaderInjectionException(what + " contains a line break (CR or LF), which could add a header");
        }
        return value;
    }
}
