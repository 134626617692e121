package org.carepath.patient.segment;

import static org.assertj.core.api.Assertions.assertThat;

import org.carepath.ServerTest;
import org.junit.jupiter.api.Test;

class SegmentIT extends ServerTest {

    private void patient(String id, String birthDate, String postalCode, String condition) {
        assertThat(http().bearer(API_KEY).put("/api/v1/patients/" + id, """
                { "name": "Seg Ment", "birthDate": "%s", "postalCode": "%s",
                  "clinical": { "conditions": [ { "system": "ICD-10", "code": "%s" } ] } }"""
                .formatted(birthDate, postalCode, condition)).status()).isEqualTo(200);
    }

    @Test
    void aSavedSegmentCountsItsMembersAndNamesThePhiItUses() {
        patient("p-seg-1", "1960-05-01", "97201", "E11.9");
        patient("p-seg-2", "1990-05-01", "97205", "E11.9");
        patient("p-seg-3", "1962-05-01", "97210", "I10");
        patient("p-seg-4", "1961-05-01", "10001", "E11.9");
        var api = http().bearer(API_KEY);
        var saved = api.post("/api/v1/segments", """
                { "name": "Portland diabetics 50-75",
                  "criteria": { "minAge": 50, "maxAge": 75, "postalCodePrefix": "972", "conditionCode": "E11.9" } }""");
        assertThat(saved.status()).isEqualTo(201);
        assertThat(saved.json().get("phiUsed").toString()).contains("DEMOGRAPHICS", "CONDITIONS");

        var preview = api.get("/api/v1/segments/" + saved.json().get("id").asText() + "/preview");
        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.json().get("count").asInt()).isEqualTo(1);
        assertThat(preview.body()).doesNotContain("p-seg-1");

        var unsaved = api.post("/api/v1/segments/preview", "{ \"postalCodePrefix\": \"972\" }");
        assertThat(unsaved.json().get("count").asInt()).isEqualTo(3);
        assertThat(api.post("/api/v1/segments", """
                { "name": "Portland diabetics 50-75", "criteria": {} }""").status()).isEqualTo(409);
    }
}
