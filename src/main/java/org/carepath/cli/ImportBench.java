package org.carepath.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bench import}: one FHIR bundle of N patients (two conditions, a prescription and an appointment
 * each), posted to {@code /api/v1/imports/fhir} of a server on a fresh embedded PostgreSQL, then posted
 * again: the first import creates every patient, the second finds them all unchanged.
 */
final class ImportBench {

    private static final String[][] CONDITIONS = {{"E11.9", "Type 2 diabetes mellitus"},
            {"I10", "Essential hypertension"}, {"E78.5", "Hyperlipidemia"}, {"J45.909", "Asthma"}};

    private final PrintStream out;

    ImportBench(PrintStream out) {
        this.out = out;
    }

    int run(int patients, String url, String key, Path rules) {
        ConfigurableApplicationContext server = null;
        try {
            if (url == null) {
                server = new HttpBench(out).startServer(rules);
                url = "http://localhost:" + ((WebServerApplicationContext) server).getWebServer().getPort();
                key = HttpBench.BENCH_KEY;
            }
            if (key == null) {
                throw new IllegalArgumentException("--url needs --key API_KEY");
            }
            FhirContext fhir = server != null ? server.getBean(FhirContext.class) : FhirContext.forR4();
            String bundle = fhir.newJsonParser().encodeResourceToString(bundle(patients));
            out.printf("FHIR import: one bundle of %,d patients, %,d resources, %,d KB%n", patients, patients * 5,
                    bundle.length() / 1024);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            post(client, url, key, bundle, "first import ", patients * 5);
            post(client, url, key, bundle, "same again   ", patients * 5);
            return 0;
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private void post(HttpClient client, String url, String key, String bundle, String label, int resources) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/imports/fhir"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/fhir+json")
                .timeout(Duration.ofMinutes(10)).POST(HttpRequest.BodyPublishers.ofString(bundle)).build();
        long start = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the import request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String answer = response.body();
        boolean clean = answer.contains("\"errors\":[]");
        out.printf("  %s %.2f s, %,.0f resources/s  (HTTP %d; patients %s%s)%n", label, seconds, resources / seconds,
                response.statusCode(), patientsOf(answer), clean ? ", no errors" : ", WITH ERRORS");
    }

    private static String patientsOf(String answer) {
        int at = answer.indexOf("\"patients\":");
        int end = answer.indexOf('}', at);
        return at < 0 || end < 0 ? "?" : answer.substring(at + "\"patients\":".length(), end + 1);
    }

    /** Made-up patients: every resource of a kind the import reads, with the fields it maps. */
    static Bundle bundle(int patients) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Instant firstAppointment = Instant.parse("2027-01-04T08:00:00Z");
        for (int i = 1; i <= patients; i++) {
            String id = "bench-" + i;
            Patient patient = new Patient();
            patient.setId(id);
            patient.addName().setFamily("Family" + i).addGiven("Given" + i);
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(id + "@example.org");
            patient.setBirthDateElement(new DateType(1940 + i % 60, i % 12, 1 + i % 28));
            patient.setGender(i % 2 == 0 ? Enumerations.AdministrativeGender.FEMALE
                    : Enumerations.AdministrativeGender.MALE);
            patient.addAddress().setPostalCode(String.format("%05d", i % 100_000));
            add(bundle, patient);
            for (int c = 0; c < 2; c++) {
                String[] code = CONDITIONS[(i + c) % CONDITIONS.length];
                Condition condition = new Condition();
                condition.setId(id + "-c" + c);
                condition.setSubject(new Reference("Patient/" + id));
                condition.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10-cm", code[0],
                        code[1])));
                add(bundle, condition);
            }
            MedicationRequest medication = new MedicationRequest();
            medication.setId(id + "-m");
            medication.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
            medication.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
            medication.setSubject(new Reference("Patient/" + id));
            medication.setMedication(new CodeableConcept(new Coding("http://www.nlm.nih.gov/research/umls/rxnorm",
                    "860975", "metformin 500 MG")));
            add(bundle, medication);
            Appointment appointment = new Appointment();
            appointment.setId(id + "-a");
            appointment.setStatus(Appointment.AppointmentStatus.BOOKED);
            appointment.setStart(Date.from(firstAppointment.plus(Duration.ofMinutes(20L * i))));
            appointment.addServiceType().setText("Follow-up");
            appointment.addParticipant().setActor(new Reference("Patient/" + id));
            add(bundle, appointment);
        }
        return bundle;
    }

    private static void add(Bundle bundle, Resource resource) {
        bundle.addEntry().setFullUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .setResource(resource);
    }
}
