package org.carepath.delivery.capability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.carepath.ServerTest;
import org.carepath.compliance.SmimeCapability;
import org.carepath.delivery.encryption.TestCertificates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RecipientKeysIT extends ServerTest {

    @Autowired
    RecipientKeys keys;

    private static String body(String kind, String key) {
        var node = JsonNodeFactory.instance.objectNode();
        node.put("kind", kind);
        node.put("key", key);
        return node.toString();
    }

    @Test
    void aCertificateIsCheckedWhenRegisteredAndAgainAtEachDecision() throws Exception {
        var api = http().bearer(API_KEY);
        api.put("/api/v1/patients/p-key-1", "{\"name\":\"Kim Key\",\"email\":\"kim.key@example.org\"}");
        Instant now = Instant.now();
        String pem = TestCertificates.recipientPem(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)));

        var registered = api.post("/api/v1/patients/p-key-1/keys", body("SMIME", pem));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().get("evidence").asText()).startsWith("x509 serial=");
        assertThat(api.get("/api/v1/patients/p-key-1/keys").body()).doesNotContain("BEGIN CERTIFICATE", "Kim");

        assertThat(keys.capabilitiesAt("p-key-1", now).smime()).isEqualTo(new SmimeCapability(true, true));
        assertThat(keys.capabilitiesAt("p-key-1", now.plus(Duration.ofDays(31))).smime())
                .as("expired by the time of the decision").isEqualTo(new SmimeCapability(true, false));

        String id = registered.json().get("id").asText();
        assertThat(api.delete("/api/v1/patients/p-key-1/keys/" + id).status()).isEqualTo(204);
        assertThat(keys.capabilitiesAt("p-key-1", now).smime()).isEqualTo(new SmimeCapability(false, false));
    }

    @Test
    void unusableKeysAreRefusedWithTheReasonAndNothingMore() throws Exception {
        var api = http().bearer(API_KEY);
        api.put("/api/v1/patients/p-key-2", "{\"name\":\"Lou Key\",\"email\":\"lou.key@example.org\"}");
        Instant now = Instant.now();
        String expired = TestCertificates.recipientPem(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)));

        var refused = api.post("/api/v1/patients/p-key-2/keys", body("SMIME", expired));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("detail").asText()).isEqualTo("recipient certificate expired");
        assertThat(api.post("/api/v1/patients/p-key-2/keys", body("SMIME", "not a certificate")).json()
                .get("detail").asText()).isEqualTo("recipient certificate is not a readable X.509 certificate");
        assertThat(api.post("/api/v1/patients/p-key-2/keys", body("PGP", "not a key")).json()
                .get("detail").asText()).isEqualTo("recipient key is not a readable OpenPGP public key");
        assertThat(keys.of("p-key-2")).isEmpty();
    }
}
