package org.carepath.security;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Hands the user Spring Security authenticated to the Camunda webapps and engine REST API, so there is one
 * login for everything and Camunda's own authorization sees the user and the groups.
 */
public class SpringSecurityCamundaAuthentication extends ContainerBasedAuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return AuthenticationResult.unsuccessful();
        }
        String user = authentication.getName();
        AuthenticationResult result = new AuthenticationResult(user, true);
        List<String> groups = engine.getIdentityService().createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).toList();
        result.setGroups(groups);
        return result;
    }
}
