package org.carepath.compliance;

public enum DeliveryPath { SMIME, PGP, TLS, PORTAL, UNENCRYPTED_BY_REQUEST, SUPPRESS }
