package org.carepath.compliance.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.carepath.ServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The running server watches its rules folder: good changes swap in, bad ones are reported and refused. */
class RuleBookHotSwapIT extends ServerTest {

    private static final Path POLICY = Path.of(RULES, "policy-local.drl");
    private static final String DECISION = "{\"communication\":{\"purpose\":\"APPOINTMENT_REMINDER\"}}";

    @AfterEach
    void restoreTheDefaultRuleBook() throws IOException {
        Files.deleteIfExists(POLICY);
        await().atMost(Duration.ofSeconds(30)).until(() -> rules().get("rejected").isNull()
                && rules().get("files").size() == 4);
    }

    @Test
    void aSyntaxErrorIsRejectedWithFileAndLineAndTheOldRulesKeepServing() throws IOException {
        String serving = rules().get("rulesVersion").asText();
        Files.writeString(POLICY, """
                package org.carepath.rules
                import org.carepath.compliance.*;

                rule "policy/broken"
                when
                    Communication( purpose == Purpose.PROMOTION
                then
                end
                """);
        JsonNode rejected = awaitRejection();
        JsonNode error = rejected.get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("policy-local.drl");
        assertThat(error.get("line").asInt()).isBetween(6, 7);
        assertThat(rules().get("rulesVersion").asText()).isEqualTo(serving);

        var decision = http().bearer(API_KEY).post("/api/v1/decisions", DECISION);
        assertThat(decision.status()).isEqualTo(200);
        assertThat(decision.json().get("rulesVersion").asText()).isEqualTo(serving);
    }

    @Test
    void anUnknownFactFieldIsRejectedWithItsLine() throws IOException {
        String serving = rules().get("rulesVersion").asText();
        Files.writeString(POLICY, """
                package org.carepath.rules
                import org.carepath.compliance.*;

                rule "policy/unknown-field"
                when
                    Communication( campaignBudget > 1000 )
                then
                end
                """);
        JsonNode error = awaitRejection().get("errors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("policy-local.drl");
        assertThat(error.get("line").asInt()).isEqualTo(6);
        assertThat(error.get("message").asText()).contains("campaignBudget");
        assertThat(rules().get("rulesVersion").asText()).isEqualTo(serving);
    }

    @Test
    void aChangeThatCompilesReplacesTheRulesAndShowsInDecisions() throws IOException {
        String serving = rules().get("rulesVersion").asText();
        Files.writeString(POLICY, """
                package org.carepath.rules
                import org.carepath.compliance.*;

                rule "policy/appointment-reminders-noted"
                    @text("our policy notes every appointment reminder")
                when
                    Communication( purpose == Purpose.APPOINTMENT_REMINDER )
                then
                    insertLogical( new Advisory( "noted" ) );
                    insertLogical( Reason.of( kcontext ) );
                end
                """);
        await().atMost(Duration.ofSeconds(30)).until(() -> !rules().get("rulesVersion").asText().equals(serving));
        JsonNode now = rules();
        assertThat(now.get("files").findValuesAsText("name")).contains("policy-local.drl");

        var decision = http().bearer(API_KEY).post("/api/v1/decisions", DECISION).json();
        assertThat(decision.get("rulesVersion").asText()).isEqualTo(now.get("rulesVersion").asText());
        assertThat(decision.get("reasons").findValuesAsText("rule")).contains("policy/appointment-reminders-noted");
        assertThat(jdbc.queryForObject("select count(*) from carepath.rule_book_version where version = ?",
                Integer.class, now.get("rulesVersion").asText())).isOne();
    }

    private JsonNode awaitRejection() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !rules().get("rejected").isNull());
        return rules().get("rejected");
    }

    private JsonNode rules() {
        return http().bearer(API_KEY).get("/api/v1/rules").json();
    }
}
