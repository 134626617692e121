package org.carepath.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What designers and the engine rely on in every shipped journey, checked without a server. */
class JourneyFilesTest {

    static Stream<Path> journeys() throws IOException {
        return Files.list(Path.of("processes")).filter(p -> p.toString().endsWith(".bpmn")).sorted();
    }

    @ParameterizedTest
    @MethodSource("journeys")
    void isValidExecutableAndDrawn(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        Bpmn.validateModel(model);
        Process process = model.getModelElementsByType(Process.class).iterator().next();

        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        assertThat(process.getId() + ".bpmn").isEqualTo(file.getFileName().toString());
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            assertThat(node.getName()).as("name of %s", node.getId()).isNotBlank();
            assertThat(model.getModelElementsByType(BpmnShape.class)).as("shape of %s", node.getId())
                    .anyMatch(shape -> shape.getBpmnElement() == node);
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            assertThat(task.getCamundaDelegateExpression()).as(task.getId())
                    .matches("\\$\\{(complianceDecision|sendSecureMessage|checkAuthorization|waitForEngagement"
                            + "|appointmentSchedule)}");
        }
    }

    @ParameterizedTest
    @MethodSource("journeys")
    void endsWhenThePatientWithdraws(Path file) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        assertThat(model.getModelElementsByType(Message.class)).extracting(Message::getName)
                .contains("carepath.patient-withdrew");
        assertThat(model.getModelElementsByType(SubProcess.class)).anySatisfy(sub -> {
            assertThat(sub.triggeredByEvent()).isTrue();
            assertThat(sub.getName()).isEqualTo("Patient withdrew");
        });
    }
}
