package org.carepath.compliance;

/** Marketing that needs no authorization (45 CFR 164.508(a)(3)(i)): the contract's {@code authorizationException}. */
public enum AuthorizationException { FACE_TO_FACE, NOMINAL_GIFT }
