package org.carepath.compliance;

/**
 * The statements 45 CFR 164.508(c)(2) and (a)(3)(ii)/(a)(4) require on an authorization.
 * An absent statement is a missing statement: nothing here defaults to true.
 */
public record AuthorizationStatements(boolean revocationRight, boolean conditioning, boolean redisclosure,
                                      boolean remuneration) {

    public static AuthorizationStatements none() {
        return new AuthorizationStatements(false, false, false, false);
    }
}
