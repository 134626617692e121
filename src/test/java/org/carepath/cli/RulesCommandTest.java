package org.carepath.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RulesCommandTest {

    @TempDir
    Path rules;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new RulesCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(List.of(args));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDefaultRuleBookCompiles() {
        assertThat(run("check", "rules")).as(output()).isZero();
        assertThat(output()).startsWith("OK rules: 4 files, ").contains(" rules, sha256:");
    }

    @Test
    void aSyntaxErrorIsReportedAsFileAndLine() throws IOException {
        copyDefaultRules();
        Files.writeString(rules.resolve("policy-local.drl"), """
                package org.carepath.rules
                import org.carepath.compliance.*;

                rule "policy/broken"
                when
                    Communication( purpose == Purpose.PROMOTION
                then
                end
                """);
        assertThat(run("check", rules.toString())).isEqualTo(1);
        assertThat(output()).containsPattern(
                "(?m)^" + java.util.regex.Pattern.quote(rules.resolve("policy-local.drl").toString()) + ":[67]: ");
        assertThat(output()).contains("do not compile");
    }

    @Test
    void anUnknownFactFieldIsReportedWithItsLine() throws IOException {
        copyDefaultRules();
        Files.writeString(rules.resolve("policy-local.drl"), """
                package org.carepath.rules
                import org.carepath.compliance.*;

                rule "policy/unknown-field"
                when
                    Patient( id != null )
                    Communication( campaignBudget > 1000 )
                then
                end
                """);
        assertThat(run("check", rules.toString())).isEqualTo(1);
        assertThat(output()).contains(rules.resolve("policy-local.drl") + ":7: ").contains("campaignBudget");
    }

    @Test
    void passingCasesEndWithTheCount() {
        assertThat(run("test")).as(output()).isZero();
        assertThat(output()).containsPattern("(?m)^\\d+ passed, 0 failed$");
    }

    @Test
    void aFailingCaseShowsExpectedActualAndTheRulesThatFired() throws IOException {
        Path cases = rules.resolve("wrong.yaml");
        Files.writeString(cases, """
                cases:
                  - name: appointment reminder wrongly expected as marketing
                    given:
                      communication: { purpose: APPOINTMENT_REMINDER }
                    expect:
                      classification: MARKETING
                      outcome: SEND
                  - name: a correct one
                    given:
                      communication: { purpose: HEALTH_EDUCATION }
                    expect:
                      exception: HEALTH_EDUCATION
                """);
        assertThat(run("test", "--rules", "rules", cases.toString())).isEqualTo(1);
        assertThat(output())
                .contains("FAIL " + cases + ": appointment reminder wrongly expected as marketing")
                .contains("classification: expected MARKETING, actual NOT_MARKETING")
                .contains("rules fired: marketing/treatment, authorization/not-required, outcome/send")
                .doesNotContain("FAIL " + cases + ": a correct one")
                .endsWith("1 passed, 1 failed" + System.lineSeparator());
    }

    @Test
    void aCaseWithAnUnknownFieldFailsWithTheFieldNamed() throws IOException {
        Path cases = rules.resolve("typo.yaml");
        Files.writeString(cases, """
                cases:
                  - name: misspelt purpose field
                    given:
                      communication: { purpos: TREATMENT }
                    expect:
                      outcome: SEND
                """);
        assertThat(run("test", cases.toString())).isEqualTo(1);
        assertThat(output()).contains("error: given: communication.purpos: unknown field");
    }

    @Test
    void misuseIsExitTwo() {
        assertThat(run()).isEqualTo(2);
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: carepath rules check");
    }

    private void copyDefaultRules() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).toList()) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
    }
}
