package org.carepath.delivery.compose;

/**
 * A template could not be found, compiled or rendered. The message names the template and, where there is one,
 * the variable, and never a variable's value: values are patient data.
 */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
