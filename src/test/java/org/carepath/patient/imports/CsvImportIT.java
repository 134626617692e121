package org.carepath.patient.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.carepath.ServerTest;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class CsvImportIT extends ServerTest {

    static final String HEADER = "id,name,email,birthDate,sex,postalCode\r\n";

    @Autowired
    PatientRegistry registry;

    @Test
    void rowsImportQuotedCommasIncludedAndBadRowsAreListed() {
        String csv = HEADER
                + "csv-1,\"Lopez, Maria \"\"Mari\"\"\",maria.lopez@example.org,1961-04-12,female,02139\r\n"
                + "csv-2,Tom Ng,tom.ng@example.org,,male,\r\n"
                + "\r\n"
                + "csv-3,Bad Date,bad.date@example.org,12/04/1961,female,02139\r\n"
                + ",No Id,no.id@example.org,1961-04-12,female,02139\r\n"
                + "csv-5,Too Few,too.few@example.org\r\n"
                + "csv-6,\"Multi\nLine\",multi.line@example.org,1970-01-01,male,10001\r\n"
                + "csv-7,\"Stray\" quote,stray@example.org,1970-01-01,male,10001\r\n"
                + "csv-8,Eve Last,eve.last@example.org,1980-02-29,female,94110\r\n";
        var reply = FhirImportIT.Posting.post(port, API_KEY, "/api/v1/imports/patients.csv", "text/csv", csv);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode report = reply.json();

        assertThat(report.get("patients").toString()).isEqualTo("{\"created\":4,\"updated\":0,\"unchanged\":0}");
        assertThat(report.get("errors").toString()).isEqualTo("["
                + "{\"line\":5,\"id\":\"csv-3\",\"reason\":\"birthDate is not a date (yyyy-mm-dd)\"},"
                + "{\"line\":6,\"id\":null,\"reason\":\"id is empty\"},"
                + "{\"line\":7,\"id\":\"csv-5\",\"reason\":\"expected 6 fields, found 3\"},"
                + "{\"line\":10,\"id\":null,\"reason\":\"text after a closing quote\"}]");
        assertThat(reply.body()).doesNotContain("Maria", "example.org", "1961", "Bad Date", "Stray");

        PatientDetails maria = registry.find("csv-1").orElseThrow();
        assertThat(maria.name()).isEqualTo("Lopez, Maria \"Mari\"");
        assertThat(maria.email()).isEqualTo("maria.lopez@example.org");
        assertThat(maria.birthDate()).isEqualTo(LocalDate.of(1961, 4, 12));
        assertThat(maria.postalCode()).isEqualTo("02139");
        PatientDetails tom = registry.find("csv-2").orElseThrow();
        assertThat(tom.birthDate()).isNull();
        assertThat(tom.postalCode()).isNull();
        assertThat(registry.find("csv-6").orElseThrow().name()).isEqualTo("Multi\nLine");
        assertThat(registry.find("csv-8").orElseThrow().birthDate()).isEqualTo(LocalDate.of(1980, 2, 29));
        assertThat(registry.exists("csv-3")).isFalse();
    }

    @Test
    void importingTheSameFileTwiceChangesNothingAndKeepsWhatCsvLacks() {
        String csv = HEADER.replace("\r\n", "\n")
                + "csv-20,Ida Twice,ida.twice@example.org,1950-05-06,female,60614\n"
                + "csv-21,\"Roe, Jo\",jo.roe@example.org,1949-07-08,male,60615\n";
        FhirImportIT.Posting.post(port, API_KEY, "/api/v1/imports/patients.csv", "text/csv", csv);
        // a preference set through the API is not the CSV's to undo
        http().bearer(API_KEY).put("/api/v1/patients/csv-20/marketing-preference", "{\"marketingOptOut\":true}");
        List<PatientDetails> before = List.of(registry.find("csv-20").orElseThrow(),
                registry.find("csv-21").orElseThrow());
        var rowsBefore = jdbc.queryForList("select * from carepath.patient where id in ('csv-20', 'csv-21') order by id");

        var again = FhirImportIT.Posting.post(port, API_KEY, "/api/v1/imports/patients.csv", "text/csv", csv).json();

        assertThat(again.get("patients").toString()).isEqualTo("{\"created\":0,\"updated\":0,\"unchanged\":2}");
        assertThat(List.of(registry.find("csv-20").orElseThrow(), registry.find("csv-21").orElseThrow()))
                .isEqualTo(before);
        assertThat(before.get(0).marketingOptOut()).isTrue();
        assertThat(jdbc.queryForList("select * from carepath.patient where id in ('csv-20', 'csv-21') order by id"))
                .usingRecursiveComparison().isEqualTo(rowsBefore);
    }

    @Test
    void aFileWithoutTheHeaderIsRefusedWhole() {
        var reply = FhirImportIT.Posting.post(port, API_KEY, "/api/v1/imports/patients.csv", "text/csv",
                "csv-30,Al Nohead,al@example.org,1960-01-01,male,02139\n");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().get("detail").asText())
                .isEqualTo("the header must name the columns id,name,email,birthDate,sex,postalCode");
        assertThat(reply.body()).doesNotContain("Nohead");
    }
}
