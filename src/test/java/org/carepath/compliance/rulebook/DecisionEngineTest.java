package org.carepath.compliance.rulebook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.carepath.compliance.Communication;
import org.carepath.compliance.DecisionFacts;
import org.carepath.compliance.Patient;
import org.carepath.compliance.Purpose;
import org.carepath.compliance.Reason;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {

    private static final Communication REMINDER = new Communication(null, Instant.parse("2026-06-01T12:00:00Z"),
            null, Purpose.APPOINTMENT_REMINDER, null, null, null, null, false, false, null, null, null);

    @Test
    void reasonsFollowTheOrderOfTheQuestions() {
        var evaluation = DecisionEngine.evaluate(defaultRules(List.of()),
                new DecisionFacts(new Patient("p-1", false, null), null, REMINDER, null));
        assertThat(evaluation.reasons()).extracting(Reason::rule)
                .containsExactly("marketing/treatment", "authorization/not-required", "outcome/send");
        assertThat(evaluation.reasons().get(0).citation()).isEqualTo("45 CFR 164.501 marketing (2)(ii)(A)");
    }

    @Test
    void aPolicyThatGivesASecondClassificationIsCaughtNotGuessed() {
        RuleSet rules = defaultRules(List.of(RuleSource.file("policy-local.drl", """
                package org.carepath.rules
                import org.carepath.compliance.*;
                rule "policy/everything-is-marketing"
                when
                    Communication()
                then
                    insertLogical( new Classification( ClassificationKind.MARKETING, null ) );
                end
                """)));
        assertThatThrownBy(() -> DecisionEngine.evaluate(rules,
                new DecisionFacts(new Patient("p-1", false, null), null, REMINDER, null)))
                .isInstanceOf(RuleBookConflictException.class)
                .hasMessageContaining("2 answers for the classification");
    }

    @Test
    void aRuleBookWithNoAnswerIsCaught() {
        RuleSource onlyMarketing = RuleSource.of(RuleSource.read(Path.of("rules")).files().stream()
                .filter(f -> f.name().equals("marketing.drl")).toList());
        RuleSet rules = ((RuleCompiler.Compiled) RuleCompiler.compile(onlyMarketing)).ruleSet();
        assertThatThrownBy(() -> DecisionEngine.evaluate(rules,
                new DecisionFacts(new Patient("p-1", false, null), null, REMINDER, null)))
                .isInstanceOf(RuleBookConflictException.class)
                .hasMessage("the rules gave no authorization requirement");
    }

    @Test
    void theVersionIsAHashOfNamesAndContents() {
        RuleSource source = RuleSource.read(Path.of("rules"));
        assertThat(source.version()).matches("sha256:[0-9a-f]{64}");
        assertThat(RuleSource.of(source.files()).version()).isEqualTo(source.version());
        List<org.carepath.compliance.rulebook.RuleFile> changed = new ArrayList<>(source.files());
        changed.add(RuleSource.file("policy-local.drl", "package org.carepath.rules\n"));
        assertThat(RuleSource.of(changed).version()).isNotEqualTo(source.version());
    }

    private static RuleSet defaultRules(List<org.carepath.compliance.rulebook.RuleFile> extra) {
        List<org.carepath.compliance.rulebook.RuleFile> files = new ArrayList<>(
                RuleSource.read(Path.of("rules")).files());
        files.addAll(extra);
        RuleCompiler.Result result = RuleCompiler.compile(RuleSource.of(files));
        assertThat(result).isInstanceOf(RuleCompiler.Compiled.class);
        return ((RuleCompiler.Compiled) result).ruleSet();
    }
}
