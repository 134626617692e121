package org.carepath.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.carepath.ServerTest;
import org.junit.jupiter.api.Test;

class PatientRegistryIT extends ServerTest {

    private static final String PATIENT = """
            { "name": "Maria Quintero-Blanc", "email": "Maria.Quintero@example.org", "birthDate": "1961-04-12",
              "sex": "female", "postalCode": "02139",
              "clinical": { "conditions": [ { "system": "ICD-10", "code": "E11.9", "display": "Type 2 diabetes" } ],
                            "medications": [ { "system": "RxNorm", "code": "860975", "display": "metformin",
                                               "active": true } ] } }""";

    @Test
    void phiIsEncryptedAtRestAndReadBack() {
        var api = http().bearer(API_KEY);
        assertThat(api.put("/api/v1/patients/p-enc-1", PATIENT).status()).isEqualTo(200);

        var read = api.get("/api/v1/patients/p-enc-1");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("name").asText()).isEqualTo("Maria Quintero-Blanc");
        assertThat(read.json().get("birthDate").asText()).isEqualTo("1961-04-12");
        assertThat(read.json().get("clinical").get("conditions").get(0).get("code").asText()).isEqualTo("E11.9");

        Map<String, Object> row = jdbc.queryForMap("select * from carepath.patient where id = 'p-enc-1'");
        StringBuilder raw = new StringBuilder();
        row.forEach((column, value) -> raw.append(value instanceof byte[] b
                ? new String(b, StandardCharsets.ISO_8859_1) : String.valueOf(value)).append('|'));
        assertThat(raw.toString()).doesNotContain("Quintero", "Maria", "example.org", "1961", "E11.9", "diabetes",
                "metformin", "02139", "female");
    }

    @Test
    void aPatientIsFoundByEmailWithoutTheEmailInAUrl() {
        var api = http().bearer(API_KEY);
        api.put("/api/v1/patients/p-enc-2", PATIENT.replace("Maria.Quintero@", "m.q2@"));
        var found = api.post("/api/v1/patients/lookup", "{\"email\": \"  M.Q2@EXAMPLE.ORG \"}");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json().get("id").asText()).isEqualTo("p-enc-2");
        assertThat(api.post("/api/v1/patients/lookup", "{\"email\": \"nobody@example.org\"}").status())
                .isEqualTo(404);
    }

    @Test
    void everyReadOfPhiIsRecorded() {
        var api = http().bearer(API_KEY);
        api.put("/api/v1/patients/p-enc-3", PATIENT.replace("Maria.Quintero@", "m.q3@"));
        api.get("/api/v1/patients/p-enc-3");
        api.post("/api/v1/patients/lookup", "{\"email\": \"m.q3@example.org\"}");
        List<Map<String, Object>> reads = jdbc.queryForList(
                "select actor, action from carepath.phi_access where patient_id = 'p-enc-3' order by at");
        assertThat(reads).extracting(r -> r.get("action"))
                .containsExactly("read patient", "looked up patient by email");
        assertThat(reads).extracting(r -> r.get("actor")).containsOnly("api-key:CAREPATH_API_KEY");
    }

    @Test
    void operatorsCannotReadPatients() {
        var admin = http().bearer(API_KEY);
        admin.put("/api/v1/patients/p-enc-4", PATIENT.replace("Maria.Quintero@", "m.q4@"));
        String operatorKey = admin.post("/api/v1/api-keys", "{\"name\":\"ops\",\"roles\":[\"OPERATOR\"]}")
                .json().get("secret").asText();
        var operator = http().bearer(operatorKey);
        assertThat(operator.get("/api/v1/patients/p-enc-4").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/patients/p-enc-4/phi-access").status()).isEqualTo(403);
        assertThat(operator.put("/api/v1/patients/p-enc-4", PATIENT).status()).isEqualTo(403);
        assertThat(operator.post("/api/v1/patients/lookup", "{\"email\":\"m.q4@example.org\"}").status())
                .isEqualTo(403);
    }
}
