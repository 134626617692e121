package org.carepath.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.carepath.ServerTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ApiSecurityIT extends ServerTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/rules", "/api/v1/decisions/d-1", "/api/v1/api-keys", "/engine-rest/engine",
            "/engine-rest/process-definition", "/camunda/app/cockpit/default/", "/camunda/app/tasklist/default/",
            "/camunda/api/engine/engine/default/process-definition/count", "/v3/api-docs"})
    void everythingButHealthRefusesAnonymousCalls(String path) {
        var reply = http().get(path);
        assertThat(reply.status()).as(path).isIn(401, 302);
        if (reply.status() == 302) {
            assertThat(reply.location()).as(path).endsWith("/login");
        }
        // refused means nothing of the page or the data behind it comes back
        assertThat(reply.body()).as(path).doesNotContain("<script", "\"count\"", "openapi");
    }

    @Test
    void anonymousDecisionIsRefused() {
        assertThat(http().post("/api/v1/decisions", "{}").status()).isEqualTo(401);
    }

    @Test
    void healthIsOpenAndSaysNothingMore() {
        var reply = http().get("/actuator/health");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().size()).isEqualTo(1);
        assertThat(http().get("/actuator/env").status()).isIn(401, 302);
    }

    @Test
    void unknownApiKeyIsRefused() {
        var reply = http().bearer("cpk_not-a-key").get("/api/v1/rules");
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().get("detail").asText()).contains("API key");
    }

    @Test
    void engineRestTakesCamundaUsersOverBasic() {
        assertThat(http().basic("admin", ADMIN_PASSWORD).get("/engine-rest/engine").status()).isEqualTo(200);
        assertThat(http().basic("admin", "wrong").get("/engine-rest/engine").status()).isEqualTo(401);
    }

    @Test
    void webappsOpenAfterLogin() {
        assertThat(http().basic("admin", ADMIN_PASSWORD).get("/camunda/app/cockpit/default/").status())
                .isEqualTo(200);
    }

    @Test
    void rolesSeparateWhatKeysMayDo() {
        var admin = http().bearer(API_KEY);
        var issued = admin.post("/api/v1/api-keys", "{\"name\":\"night operator\",\"roles\":[\"OPERATOR\"]}");
        assertThat(issued.status()).isEqualTo(201);
        String operatorKey = issued.json().get("secret").asText();
        var operator = http().bearer(operatorKey);

        assertThat(operator.get("/api/v1/rules").status()).isEqualTo(200);
        assertThat(operator.post("/api/v1/decisions",
                "{\"communication\":{\"purpose\":\"TREATMENT\"}}").status()).isEqualTo(403);
        assertThat(operator.get("/api/v1/api-keys").status()).isEqualTo(403);

        var listed = admin.get("/api/v1/api-keys");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.body()).contains("night operator").doesNotContain(operatorKey);

        String id = issued.json().get("key").get("id").asText();
        assertThat(admin.delete("/api/v1/api-keys/" + id).status()).isEqualTo(204);
        assertThat(operator.get("/api/v1/rules").status()).isEqualTo(401);
    }

    @Test
    void apiKeysAreStoredOnlyAsHashes() {
        Integer plain = jdbc.queryForObject("select count(*) from carepath.api_key where secret_hash = ?",
                Integer.class, API_KEY);
        Integer hashed = jdbc.queryForObject("select count(*) from carepath.api_key where secret_hash = ?",
                Integer.class, ApiKeys.hash(API_KEY));
        assertThat(plain).isZero();
        assertThat(hashed).isOne();
    }

    @Test
    void rolesComeFromCamundaGroups() {
        assertThat(Role.ofGroup("compliance")).contains(Role.COMPLIANCE);
        assertThat(Role.ofGroup("camunda-admin")).contains(Role.ADMIN);
        assertThat(Role.ofGroup("accounting")).isEmpty();
    }
}
