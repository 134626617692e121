package org.carepath.patient.imports;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.carepath.patient.ClinicalFacts;
import org.carepath.patient.PatientDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;

/**
 * Imports patients' demographics from CSV ({@code id,name,email,birthDate,sex,postalCode}, columns in any
 * order, UTF-8). A row replaces the demographics stored under its id, empty cells included; the clinical
 * facts, preferences and consents of a stored patient are kept, since a CSV does not carry them.
 */
@Service
public class CsvPatientImport {

    static final List<String> COLUMNS = List.of("id", "name", "email", "birthDate", "sex", "postalCode");

    private static final Logger log = LoggerFactory.getLogger(CsvPatientImport.class);

    private final PatientWriter writer;

    CsvPatientImport(PatientWriter writer) {
        this.writer = writer;
    }

    public CsvImportReport run(byte[] body) {
        List<CsvRecords.CsvRecord> records = CsvRecords.read(utf8(body));
        if (records.isEmpty() || records.get(0).fields() == null) {
            throw badRequest("the header row is missing or malformed");
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        if (header.size() != COLUMNS.size() || !header.containsAll(COLUMNS)) {
            throw badRequest("the header must name the columns " + String.join(",", COLUMNS));
        }
        PatientCounts counts = PatientCounts.none();
        List<LineProblem> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CsvRecords.CsvRecord record : records.subList(1, records.size())) {
            String id = record.fields() == null ? null : cell(record.fields(), header, "id");
            try {
                if (record.problem() != null) {
                    throw new RejectedRecord(record.problem());
                }
                PatientDetails demographics = demographics(record.fields(), header);
                if (!seen.add(demographics.id())) {
                    throw new RejectedRecord("id appears twice in the file");
                }
                Optional<PatientDetails> stored = writer.stored(demographics.id());
                counts = counts.plus(writer.write(keepingWhatCsvLacks(demographics, stored), stored));
            } catch (RejectedRecord e) {
                errors.add(new LineProblem(record.line(), FhirResources.shownId(id), e.reason()));
            }
        }
        log.info("CSV import: {} rows; patients created {}, updated {}, unchanged {}; {} errors", records.size() - 1,
                counts.created(), counts.updated(), counts.unchanged(), errors.size());
        errors.forEach(e -> log.info("CSV import: line {} ({}) not imported: {}", e.line(), e.id(), e.reason()));
        return new CsvImportReport(counts, List.copyOf(errors));
    }

    private static PatientDetails demographics(List<String> fields, List<String> header) {
        if (fields.size() != header.size()) {
            throw new RejectedRecord("expected " + header.size() + " fields, found " + fields.size());
        }
        String id = cell(fields, header, "id");
        if (id == null) {
            throw new RejectedRecord("id is empty");
        }
        if (!FhirResources.isId(id)) {
            throw new RejectedRecord("id is not an id (A-Z, a-z, 0-9, '-', '.'; at most 64)");
        }
        return new PatientDetails(id, cell(fields, header, "name"), cell(fields, header, "email"),
                birthDate(cell(fields, header, "birthDate")), cell(fields, header, "sex"),
                cell(fields, header, "postalCode"), null, false, null);
    }

    private static PatientDetails keepingWhatCsvLacks(PatientDetails csv, Optional<PatientDetails> stored) {
        return new PatientDetails(csv.id(), csv.name(), csv.email(), csv.birthDate(), csv.sex(), csv.postalCode(),
                stored.map(PatientDetails::clinical).orElse(ClinicalFacts.none()),
                stored.map(PatientDetails::marketingOptOut).orElse(false),
                stored.map(PatientDetails::unencryptedEmailConsent).orElse(null));
    }

    /** The cell of that column, stripped; empty is null. */
    private static String cell(List<String> fields, List<String> header, String column) {
        int index = header.indexOf(column);
        if (index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).strip();
        return value.isEmpty() ? null : value;
    }

    private static LocalDate birthDate(String value) {
        try {
            return value == null ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new RejectedRecord("birthDate is not a date (yyyy-mm-dd)");
        }
    }

    private static String utf8(byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            // spreadsheet programs start UTF-8 files with a byte order mark
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw badRequest("the CSV is not UTF-8");
        }
    }

    private static ResponseStatusException badRequest(String detail) {
        return new ResponseStatusException(HttpStatus.BAD_REQUEST, detail);
    }
}
