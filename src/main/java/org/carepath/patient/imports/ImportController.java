package org.carepath.patient.imports;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/imports}: patients from the systems hospitals already run. The bodies are read as bytes:
 * each import reads its own format, and reports every record it could not take instead of failing whole.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportController {

    private final FhirBundleImport fhir;
    private final CsvPatientImport csv;

    ImportController(FhirBundleImport fhir, CsvPatientImport csv) {
        this.fhir = fhir;
        this.csv = csv;
    }

    @PostMapping(path = "/fhir", consumes = {"application/fhir+json", MediaType.APPLICATION_JSON_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    FhirImportReport fhir(@RequestBody byte[] bundle) {
        return fhir.run(bundle);
    }

    @PostMapping(path = "/patients.csv", consumes = "text/csv", produces = MediaType.APPLICATION_JSON_VALUE)
    CsvImportReport csv(@RequestBody byte[] rows) {
        return csv.run(rows);
    }
}
