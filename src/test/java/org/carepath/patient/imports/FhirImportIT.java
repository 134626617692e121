package org.carepath.patient.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.carepath.ServerTest;
import org.carepath.patient.Appointment;
import org.carepath.patient.CodedItem;
import org.carepath.patient.Medication;
import org.carepath.patient.PatientDetails;
import org.carepath.patient.PatientRegistry;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class FhirImportIT extends ServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ICD10 = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    @Autowired
    FhirContext fhir;

    @Autowired
    PatientRegistry registry;

    @Test
    void aBundleOfThreePatientsImportsWithTheirFacts() {
        JsonNode report = post("/api/v1/imports/fhir", "application/fhir+json", threePatients("a")).json();

        assertThat(report.get("patients").toString()).isEqualTo("{\"created\":3,\"updated\":0,\"unchanged\":0}");
        assertThat(report.get("conditions").asInt()).isEqualTo(2);
        assertThat(report.get("medications").asInt()).isEqualTo(3);
        assertThat(report.get("appointments").asInt()).isEqualTo(3);
        assertThat(report.get("consents").asInt()).isEqualTo(1);
        assertThat(report.get("errors")).isEmpty();
        // the resolved condition and the research consent are valid, and of no use here
        assertThat(report.get("skipped").toString())
                .contains("{\"entry\":5,\"resourceType\":\"Condition\",\"id\":\"a-c-3\",\"reason\":\"condition not active\"}")
                .contains("\"reason\":\"not a marketing opt-out\"");

        PatientDetails first = registry.find("a-1").orElseThrow();
        assertThat(first.name()).isEqualTo("Ana Ibarra");
        assertThat(first.email()).isEqualTo("ana.ibarra.a@example.org");
        assertThat(first.birthDate()).isEqualTo(LocalDate.of(1958, 3, 14));
        assertThat(first.sex()).isEqualTo("female");
        assertThat(first.postalCode()).isEqualTo("02139");
        assertThat(first.marketingOptOut()).isTrue();
        assertThat(first.clinical().conditions())
                .containsExactly(new CodedItem(ICD10, "E11.9", "Type 2 diabetes mellitus"),
                        new CodedItem(ICD10, "I10", "Essential hypertension"));
        assertThat(first.clinical().medications())
                .containsExactly(new Medication(RXNORM, "860975", "metformin 500 MG", true, null));
        assertThat(first.clinical().appointments()).containsExactly(
                new Appointment("a-ap-1", Instant.parse("2027-01-15T14:30:00Z"), "Diabetes follow-up", "booked"));

        PatientDetails second = registry.find("a-2").orElseThrow();
        assertThat(second.name()).isEqualTo("Ben Okafor");
        assertThat(second.marketingOptOut()).isFalse();
        assertThat(second.clinical().conditions()).isEmpty();
        assertThat(second.clinical().medications())
                .containsExactly(new Medication(RXNORM, "197361", "amlodipine 5 MG", false, LocalDate.of(2026, 9, 30)));
    }

    @Test
    void importingTheSameBundleTwiceLeavesTheSameRows() {
        String bundle = threePatients("b");
        post("/api/v1/imports/fhir", "application/json", bundle);
        List<PatientDetails> before = List.of(registry.find("b-1").orElseThrow(), registry.find("b-2").orElseThrow(),
                registry.find("b-3").orElseThrow());
        List<Map<String, Object>> rowsBefore = rows("b-%");

        JsonNode again = post("/api/v1/imports/fhir", "application/json", bundle).json();

        assertThat(again.get("patients").toString()).isEqualTo("{\"created\":0,\"updated\":0,\"unchanged\":3}");
        assertThat(again.get("conditions").asInt()).isEqualTo(2);
        assertThat(List.of(registry.find("b-1").orElseThrow(), registry.find("b-2").orElseThrow(),
                registry.find("b-3").orElseThrow())).isEqualTo(before);
        assertThat(rows("b-%")).isEqualTo(rowsBefore);
        assertThat(before.get(0).clinical().conditions()).hasSize(2);
    }

    @Test
    void aChangedPatientIsUpdatedAndAResourceMayReferenceAStoredPatient() {
        post("/api/v1/imports/fhir", "application/json", threePatients("c"));
        Bundle later = bundle(condition("c-c-9", "c-1", "E78.5", "Hyperlipidemia"));
        JsonNode report = post("/api/v1/imports/fhir", "application/json", serialize(later)).json();

        assertThat(report.get("patients").toString()).isEqualTo("{\"created\":0,\"updated\":1,\"unchanged\":0}");
        PatientDetails patient = registry.find("c-1").orElseThrow();
        // only the conditions come with the bundle: they replace the stored ones, the rest is kept
        assertThat(patient.clinical().conditions()).extracting(CodedItem::code).containsExactly("E78.5");
        assertThat(patient.clinical().medications()).hasSize(1);
        assertThat(patient.name()).isEqualTo("Ana Ibarra");
        assertThat(patient.marketingOptOut()).isTrue();
    }

    @Test
    void badRecordsAreListedAndTheOthersImported() {
        String bundle = """
                { "resourceType": "Bundle", "type": "collection", "entry": [
                  { "fullUrl": "urn:uuid:0b6f0c3e-6a43-4d5e-9d6c-2f0e1d7a9b11",
                    "resource": { "resourceType": "Patient", "id": "d-1", "name": [ { "text": "Dora Good" } ],
                                  "birthDate": "1970-01-02", "meta": { "profile": [ "http://x/StructureDefinition/p" ] },
                                  "text": { "status": "generated",
                                            "div": "<div xmlns=\\"http://www.w3.org/1999/xhtml\\"><p>Dora <b>Good</b></p></div>" },
                                  "extension": [ { "url": "http://x/race", "valueCoding": { "code": "2106-3" } } ],
                                  "contained": [ { "resourceType": "Organization", "id": "o1", "name": "Clinic" } ],
                                  "managingOrganization": { "reference": "#o1" }, "futureElement": { "a": 1 } } },
                  { "resource": { "resourceType": "Patient", "name": [ { "text": "Nora Noid" } ] } },
                  { "resource": { "resourceType": "Patient", "id": "d-3", "name": [ { "text": "Bea Baddate" } ],
                                  "birthDate": "1970-13-45" } },
                  { "resource": { "resourceType": "Condition", "id": "d-c-1", "subject": { "reference": "Patient/d-404" },
                                  "code": { "coding": [ { "system": "x", "code": "E11.9", "display": "Diabetes" } ] } } },
                  { "resource": { "resourceType": "Observation", "id": "d-o-1", "status": "final" } },
                  { "resource": { "resourceType": "Condition", "id": "d-c-2",
                                  "subject": { "reference": "urn:uuid:0b6f0c3e-6a43-4d5e-9d6c-2f0e1d7a9b11" },
                                  "code": { "coding": [ { "system": "x", "code": "I10" } ] } } },
                  { "fullUrl": "urn:uuid:1" },
                  { "resource": { "resourceType": "Patient", "id": "Jane Doe jane@example.org" } },
                  { "resource": { "resourceType": "Patient", "id": "d-9", "birthDate": "1970" } },
                  { "resource": { "resourceType": "MedicationRequest", "id": "d-m-1", "status": "active",
                                  "subject": { "reference": "Patient/d-1" } } }
                ] }""";
        var reply = post("/api/v1/imports/fhir", "application/fhir+json", bundle);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode report = reply.json();

        assertThat(report.get("patients").get("created").asInt()).isEqualTo(1);
        assertThat(report.get("conditions").asInt()).isEqualTo(1);
        assertThat(report.get("errors").toString()).isEqualTo(JSON.createArrayNode()
                .add(problem(1, "Patient", null, "Patient has no id"))
                .add(problem(2, "Patient", "d-3", "invalid value in element birthDate"))
                .add(problem(3, "Condition", "d-c-1", "references a patient neither in the bundle nor in the registry"))
                .add(problem(4, "Observation", "d-o-1", "unsupported resource type"))
                .add(problem(6, null, null, "entry has no resource"))
                .add(problem(7, "Patient", null, "Patient id is not a FHIR id (A-Z, a-z, 0-9, '-', '.'; at most 64)"))
                .add(problem(8, "Patient", "d-9", "birthDate is not a full date"))
                .add(problem(9, "MedicationRequest", "d-m-1",
                        "MedicationRequest.medication is not a medicationCodeableConcept"))
                .toString());
        // no value of a record comes back
        assertThat(reply.body()).doesNotContain("Dora", "Nora", "Bea", "Jane", "example.org", "1970", "E11.9",
                "Diabetes");
        assertThat(registry.find("d-1").orElseThrow().clinical().conditions()).extracting(CodedItem::code)
                .containsExactly("I10");
        assertThat(registry.exists("d-3")).isFalse();
    }

    @Test
    void aBodyThatIsNoBundleIsRefusedWhole() {
        var malformed = post("/api/v1/imports/fhir", "application/json", "{ \"resourceType\": \"Bundle\",\n  x }");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("detail").asText()).isEqualTo("malformed JSON at line 2, column 3: Unexpected character");

        var patient = post("/api/v1/imports/fhir", "application/json",
                "{ \"resourceType\": \"Patient\", \"id\": \"z-1\", \"name\": [ { \"text\": \"Zed Zulu\" } ] }");
        assertThat(patient.status()).isEqualTo(400);
        assertThat(patient.json().get("detail").asText()).isEqualTo("not a FHIR Bundle: resourceType must be Bundle");
        assertThat(patient.body()).doesNotContain("Zed");

        var searchSet = post("/api/v1/imports/fhir", "application/json",
                "{ \"resourceType\": \"Bundle\", \"type\": \"searchset\" }");
        assertThat(searchSet.status()).isEqualTo(400);
        assertThat(searchSet.json().get("detail").asText()).isEqualTo("Bundle.type must be transaction or collection");
        assertThat(registry.exists("z-1")).isFalse();
    }

    @Test
    void onlyIntegrationsAndAdminsImport() {
        var admin = http().bearer(API_KEY);
        String operatorKey = admin.post("/api/v1/api-keys", "{\"name\":\"ops-import\",\"roles\":[\"OPERATOR\"]}")
                .json().get("secret").asText();
        String integrationKey = admin.post("/api/v1/api-keys", "{\"name\":\"ehr\",\"roles\":[\"INTEGRATION\"]}")
                .json().get("secret").asText();
        String bundle = serialize(bundle(patient("e-1", "Eve Early", "eve@example.org")));

        assertThat(post(operatorKey, "/api/v1/imports/fhir", "application/fhir+json", bundle).status()).isEqualTo(403);
        assertThat(post(operatorKey, "/api/v1/imports/patients.csv", "text/csv", CsvImportIT.HEADER).status())
                .isEqualTo(403);
        assertThat(post(null, "/api/v1/imports/fhir", "application/fhir+json", bundle).status()).isEqualTo(401);
        assertThat(registry.exists("e-1")).isFalse();
        assertThat(post(integrationKey, "/api/v1/imports/fhir", "application/fhir+json", bundle).status())
                .isEqualTo(200);
        assertThat(registry.exists("e-1")).isTrue();
    }

    private List<Map<String, Object>> rows(String idPattern) {
        return jdbc.queryForList("select id, marketing_opt_out, created_at, updated_at from carepath.patient"
                + " where id like ? order by id", idPattern);
    }

    private static JsonNode problem(int entry, String type, String id, String reason) {
        var node = JSON.createObjectNode().put("entry", entry);
        node.put("resourceType", type);
        node.put("id", id);
        return node.put("reason", reason);
    }

    /**
     * Three patients (ids prefix-1..3) in a transaction bundle, resources before and after their patients:
     * the first with two conditions, a resolved one, a medication, an appointment and a marketing opt-out;
     * the second with a stopped prescription and a research consent; the third with an appointment only.
     */
    private String threePatients(String prefix) {
        Patient ana = patient(prefix + "-1", "Ana Ibarra", "ana.ibarra." + prefix + "@example.org");
        Patient ben = patient(prefix + "-2", null, "ben.okafor." + prefix + "@example.org");
        ben.getNameFirstRep().setText(null).setFamily("Okafor").addGiven("Ben");
        Patient cy = patient(prefix + "-3", "Cy Lund", null);
        cy.getText().setStatus(org.hl7.fhir.r4.model.Narrative.NarrativeStatus.GENERATED)
                .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Cy <i>Lund</i></div>");

        Condition resolved = condition(prefix + "-c-3", prefix + "-1", "J45.909", "Asthma");
        resolved.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved", null)));

        MedicationRequest stopped = medication(prefix + "-m-2", prefix + "-2", "197361", "amlodipine 5 MG");
        stopped.setStatus(MedicationRequest.MedicationRequestStatus.STOPPED);
        stopped.getDispenseRequest().setValidityPeriod(new Period().setEndElement(
                new org.hl7.fhir.r4.model.DateTimeType("2026-09-30")));

        Consent research = marketingConsent(prefix + "-k-2", prefix + "-2", Consent.ConsentProvisionType.DENY);
        research.getCategoryFirstRep().getCodingFirstRep().setCode("RESEARCH");
        research.getProvision().getPurposeFirstRep().setCode("HRESCH");

        Bundle bundle = bundle(
                condition(prefix + "-c-1", prefix + "-1", "E11.9", "Type 2 diabetes mellitus"),
                ana, ben, cy,
                condition(prefix + "-c-2", prefix + "-1", "I10", "Essential hypertension"),
                resolved,
                medication(prefix + "-m-1", prefix + "-1", "860975", "metformin 500 MG"),
                stopped,
                medication(prefix + "-m-3", prefix + "-3", "310965", "ibuprofen 200 MG"),
                appointment(prefix + "-ap-1", prefix + "-1", "2027-01-15T14:30:00Z", "Diabetes follow-up"),
                appointment(prefix + "-ap-2", prefix + "-2", "2027-01-16T09:00:00Z", "Blood pressure check"),
                appointment(prefix + "-ap-3", prefix + "-3", "2027-01-17T11:15:00Z", "Annual physical"),
                marketingConsent(prefix + "-k-1", prefix + "-1", Consent.ConsentProvisionType.DENY),
                research);
        bundle.setType(Bundle.BundleType.TRANSACTION);
        return serialize(bundle);
    }

    private static Bundle bundle(Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        for (Resource resource : resources) {
            bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(resource);
        }
        return bundle;
    }

    private static Patient patient(String id, String name, String email) {
        Patient patient = new Patient();
        patient.setId(id);
        patient.addName().setText(name);
        if (email != null) {
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("+1 617 555 0100");
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
        }
        patient.setBirthDateElement(new org.hl7.fhir.r4.model.DateType("1958-03-14"));
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        patient.addAddress().setCity("Cambridge").setPostalCode("02139");
        return patient;
    }

    private static Condition condition(String id, String patientId, String code, String display) {
        Condition condition = new Condition();
        condition.setId(id);
        condition.setSubject(new Reference("Patient/" + patientId));
        condition.setCode(new CodeableConcept(new Coding(ICD10, code, display)));
        condition.setClinicalStatus(new CodeableConcept(
                new Coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", null)));
        return condition;
    }

    private static MedicationRequest medication(String id, String patientId, String code, String display) {
        MedicationRequest request = new MedicationRequest();
        request.setId(id);
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setSubject(new Reference("Patient/" + patientId));
        request.setMedication(new CodeableConcept(new Coding(RXNORM, code, display)));
        return request;
    }

    private static org.hl7.fhir.r4.model.Appointment appointment(String id, String patientId, String start,
                                                                 String service) {
        var appointment = new org.hl7.fhir.r4.model.Appointment();
        appointment.setId(id);
        appointment.setStatus(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED);
        appointment.setStart(Date.from(Instant.parse(start)));
        appointment.addServiceType().setText(service);
        appointment.addParticipant().setActor(new Reference("Practitioner/dr-1"));
        appointment.addParticipant().setActor(new Reference("Patient/" + patientId));
        return appointment;
    }

    private static Consent marketingConsent(String id, String patientId, Consent.ConsentProvisionType type) {
        Consent consent = new Consent();
        consent.setId(id);
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setPatient(new Reference("Patient/" + patientId));
        consent.addCategory(new CodeableConcept(new Coding("http://carepath.example/consent", "MARKETING", null)));
        consent.getProvision().setType(type)
                .addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "HMARKT", null));
        return consent;
    }

    private String serialize(Bundle bundle) {
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }

    private Reply post(String path, String contentType, String body) {
        return post(API_KEY, path, contentType, body);
    }

    Reply post(String key, String path, String contentType, String body) {
        return Posting.post(port, key, path, contentType, body);
    }

    record Reply(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }
    }

    /** TestHttp posts JSON only; imports also take application/fhir+json and text/csv. */
    static final class Posting {
        private static final HttpClient CLIENT = HttpClient.newHttpClient();

        static Reply post(int port, String key, String path, String contentType, String body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            try {
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), response.body());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
