package org.carepath.compliance;

public enum AuthorizationStatus { NOT_REQUIRED, VALID, MISSING, EXPIRED, REVOKED, DEFECTIVE, OUT_OF_SCOPE }
