package org.carepath.compliance;

/** Result fact: this authorization of the patient names the message's purpose, campaign and sponsor. */
public record AuthorizationMatch(Authorization authorization) {
}
