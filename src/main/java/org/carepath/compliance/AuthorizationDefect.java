package org.carepath.compliance;

/** Result fact: one defect of one authorization. */
public record AuthorizationDefect(Authorization authorization, Defect defect) {
}
