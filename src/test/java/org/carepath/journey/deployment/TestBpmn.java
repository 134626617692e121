package org.carepath.journey.deployment;

/** Small BPMN documents for the deployment tests, each with the history time to live the engine requires. */
public final class TestBpmn {

    private TestBpmn() {
    }

    /** A start event, a wait state and an end event; {@code name} changes the content, not the structure. */
    public static String process(String key, String name) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                                  xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                                  id="definitions" targetNamespace="http://carepath.org/test">
                  <bpmn:process id="%s" name="%s" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <bpmn:startEvent id="start"/>
                    <bpmn:sequenceFlow id="toWait" sourceRef="start" targetRef="wait"/>
                    <bpmn:receiveTask id="wait"/>
                    <bpmn:sequenceFlow id="toEnd" sourceRef="wait" targetRef="end"/>
                    <bpmn:endEvent id="end"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(key, name);
    }

    /** Well-formed, but its second sequence flow (line 9) leads to an element that does not exist. */
    public static String flowToMissingElement(String key) {
        return process(key, "broken").replace("""
                <bpmn:sequenceFlow id="toEnd" sourceRef="wait" targetRef="end"/>""", """
                <bpmn:sequenceFlow id="toEnd" sourceRef="wait" targetRef="nowhere"/>""");
    }

    /** Not well-formed: the start event (line 6) is never closed, which the XML parser finds at line 11. */
    public static String malformed(String key) {
        return process(key, "malformed").replace("""
                <bpmn:startEvent id="start"/>""", """
                <bpmn:startEvent id="start">""");
    }
}
