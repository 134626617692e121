package org.carepath.compliance;

/** Result fact: the authorization must state that a third party pays (164.508(a)(3)(ii), (a)(4)). */
public record RemunerationStatementRequired() {
}
