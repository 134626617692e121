package org.carepath.patient.imports;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated, fields optionally in double quotes, a quote inside a quoted field
 * doubled, line breaks inside quotes kept, CRLF or LF line ends. Blank lines are ignored. A record the
 * reader cannot make sense of is returned with a problem instead of fields, and reading goes on at the next
 * line, so one bad line does not lose the rest of a file.
 */
final class CsvRecords {

    /** A record and the line it starts on (1-based); fields is null when problem is set. */
    record CsvRecord(int line, List<String> fields, String problem) {
    }

    private final String text;
    private int at;
    private int line = 1;

    private CsvRecords(String text) {
        this.text = text;
    }

    static List<CsvRecord> read(String text) {
        return new CsvRecords(text).all();
    }

    private List<CsvRecord> all() {
        List<CsvRecord> records = new ArrayList<>();
        while (at < text.length()) {
            int start = line;
            int startAt = at;
            if (endOfLine()) {
                skipLineEnd();
                continue;
            }
            try {
                records.add(new CsvRecord(start, record(), null));
            } catch (Malformed e) {
                records.add(new CsvRecord(start, null, e.getMessage()));
                if (e.unclosed) {
                    // most likely a stray quote: the lines after this one are records of their own
                    at = startAt;
                    line = start;
                }
                skipRestOfLine();
            }
        }
        return records;
    }

    private List<String> record() {
        List<String> fields = new ArrayList<>();
        while (true) {
            fields.add(at < text.length() && text.charAt(at) == '"' ? quoted() : plain());
            if (at < text.length() && text.charAt(at) == ',') {
                at++;
                continue;
            }
            skipLineEnd();
            return fields;
        }
    }

    private String plain() {
        int start = at;
        while (at < text.length() && text.charAt(at) != ',' && !endOfLine()) {
            at++;
        }
        return text.substring(start, at);
    }

    private String quoted() {
        StringBuilder field = new StringBuilder();
        at++;
        while (true) {
            if (at >= text.length()) {
                throw new Malformed("a quoted field is not closed", true);
            }
            char c = text.charAt(at++);
            if (c == '"') {
                if (at < text.length() && text.charAt(at) == '"') {
                    field.append('"');
                    at++;
                    continue;
                }
                if (at < text.length() && text.charAt(at) != ',' && !endOfLine()) {
                    throw new Malformed("text after a closing quote", false);
                }
                return field.toString();
            }
            if (c == '\n') {
                line++;
            }
            field.append(c);
        }
    }

    private boolean endOfLine() {
        return at >= text.length() || text.charAt(at) == '\n' || text.charAt(at) == '\r';
    }

    private void skipLineEnd() {
        if (at < text.length() && text.charAt(at) == '\r') {
            at++;
        }
        if (at < text.length() && text.charAt(at) == '\n') {
            at++;
        }
        line++;
    }

    private void skipRestOfLine() {
        while (!endOfLine()) {
            at++;
        }
        skipLineEnd();
    }

    private static final class Malformed extends RuntimeException {
        private final boolean unclosed;

        Malformed(String reason, boolean unclosed) {
            super(reason, null, false, false);
            this.unclosed = unclosed;
        }
    }
}
