package org.carepath.compliance.casetest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.carepath.compliance.rulebook.RuleCompiler;
import org.carepath.compliance.rulebook.RuleSet;
import org.carepath.compliance.rulebook.RuleSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code mvn verify} runs every case of rules/tests against the rules in rules/, as {@code rules test} does. */
class RuleBookCasesTest {

    private static final Path RULES = Path.of("rules");
    private static final Path SHARED_CASES = Path.of("../shared/rule-cases");

    private static RuleSet rules;

    @BeforeAll
    static void compile() {
        RuleCompiler.Result result = RuleCompiler.compile(RuleSource.read(RULES));
        assertThat(result).as("rules/ must compile: %s", result).isInstanceOf(RuleCompiler.Compiled.class);
        rules = ((RuleCompiler.Compiled) result).ruleSet();
    }

    @TestFactory
    Stream<DynamicTest> everyCaseInRulesTestsPasses() {
        List<RuleCase> cases = RuleCaseFiles.load(RULES.resolve("tests"));
        assertThat(cases).hasSizeGreaterThan(25);
        return cases.stream().map(c -> DynamicTest.dynamicTest(Path.of(c.file()).getFileName() + ": " + c.name(),
                () -> {
                    RuleCaseRunner.Result result = RuleCaseRunner.run(rules, c);
                    assertThat(result.passed()).as(result.describe()).isTrue();
                }));
    }

    @Test
    void everySharedCaseIsInRulesTests() {
        assertThat(Files.isDirectory(SHARED_CASES)).as("../shared/rule-cases beside the checkout").isTrue();
        List<RuleCase> ours = RuleCaseFiles.load(RULES.resolve("tests"));
        for (RuleCase shared : RuleCaseFiles.load(SHARED_CASES)) {
            assertThat(ours).as("shared case '%s'", shared.name()).anySatisfy(c -> {
                assertThat(c.name()).isEqualTo(shared.name());
                assertThat(c.given()).isEqualTo(shared.given());
                assertThat(c.expect()).isEqualTo(shared.expect());
            });
        }
    }
}
