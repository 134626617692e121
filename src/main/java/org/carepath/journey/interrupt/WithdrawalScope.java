package org.carepath.journey.interrupt;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.carepath.engagement.PatientWithdrew;
import org.springframework.stereotype.Component;

/**
 * Which withdrawals end a journey, as its designer declared on the process (Modeler: Extensions, property
 * {@value #PROPERTY}, a comma-separated list of {@link PatientWithdrew.Reason} names). Without it, every
 * withdrawal ends the journey. The care journeys declare {@code HARD_BOUNCE} only: a patient who
 * unsubscribes from promotions, opts out of marketing or revokes a marketing authorization still gets their
 * appointment and refill reminders (the unsubscribe page says so), and the rules judge each send anyway.
 */
@Component
class WithdrawalScope {

    static final String PROPERTY = "carepath.withdrawn-by";

    private final RepositoryService repository;
    private final Map<String, Set<PatientWithdrew.Reason>> byDefinition = new ConcurrentHashMap<>();

    WithdrawalScope(RepositoryService repository) {
        this.repository = repository;
    }

    boolean ends(String processDefinitionId, PatientWithdrew.Reason reason) {
        return byDefinition.computeIfAbsent(processDefinitionId, this::declared).contains(reason);
    }

    private Set<PatientWithdrew.Reason> declared(String processDefinitionId) {
        BpmnModelInstance model = repository.getBpmnModelInstance(processDefinitionId);
        String key = repository.getProcessDefinition(processDefinitionId).getKey();
        Process process = model.getModelElementById(key);
        if (process == null || process.getExtensionElements() == null) {
            return EnumSet.allOf(PatientWithdrew.Reason.class);
        }
        return process.getExtensionElements().getElementsQuery().filterByType(CamundaProperties.class).list()
                .stream().flatMap(p -> p.getCamundaProperties().stream())
                .filter(p -> PROPERTY.equals(p.getCamundaName())).map(CamundaProperty::getCamundaValue)
                .findFirst().map(WithdrawalScope::reasons).orElse(EnumSet.allOf(PatientWithdrew.Reason.class));
    }

    /** Unknown names are ignored rather than failing the withdrawal; the deployer's check reports them. */
    private static Set<PatientWithdrew.Reason> reasons(String list) {
        Set<String> names = Arrays.stream(list.split(",")).map(String::strip).collect(Collectors.toSet());
        Set<PatientWithdrew.Reason> reasons = EnumSet.noneOf(PatientWithdrew.Reason.class);
        for (PatientWithdrew.Reason reason : PatientWithdrew.Reason.values()) {
            if (names.contains(reason.name())) {
                reasons.add(reason);
            }
        }
        return reasons;
    }
}
