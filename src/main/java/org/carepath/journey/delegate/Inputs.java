package org.carepath.journey.delegate;

import java.util.Locale;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Reads a delegate's inputs by name, so a {@code camunda:inputParameter} on the task and a process variable
 * set by the launcher both work. Errors name the input, never its value.
 */
final class Inputs {

    private Inputs() {
    }

    static String string(VariableScope execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null) {
            return null;
        }
        String text = value.toString().strip();
        return text.isEmpty() ? null : text;
    }

    static String required(VariableScope execution, String name) {
        String value = string(execution, name);
        if (value == null) {
            throw new IllegalArgumentException("input '" + name + "' is required");
        }
        return value;
    }

    static Boolean bool(VariableScope execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value instanceof Boolean) {
            return (Boolean) value;
        }
        String text = value.toString().strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "" -> null;
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("input '" + name + "' must be true or false");
        };
    }

    static <E extends Enum<E>> E enumValue(VariableScope execution, String name, Class<E> type) {
        String value = string(execution, name);
        return value == null ? null : parse(name, value, type);
    }

    static <E extends Enum<E>> E parse(String name, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input '" + name + "' is not a known " + type.getSimpleName());
        }
    }
}
