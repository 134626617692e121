package org.carepath.security;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/** People log in with their Camunda user; their groups give their roles. */
@Component
class CamundaUserAuthenticationProvider implements AuthenticationProvider {

    private final IdentityService identity;

    CamundaUserAuthenticationProvider(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication login) {
        String user = login.getName();
        Object password = login.getCredentials();
        if (user == null || password == null || !identity.checkPassword(user, password.toString())) {
            throw new BadCredentialsException("bad user name or password");
        }
        List<SimpleGrantedAuthority> roles = identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).map(Role::ofGroup).flatMap(Optional::stream).distinct()
                .map(r -> new SimpleGrantedAuthority(r.authority())).toList();
        return new UsernamePasswordAuthenticationToken(user, null, roles);
    }

    @Override
    public boolean supports(Class<?> type) {
        return Objects.equals(type, UsernamePasswordAuthenticationToken.class);
    }
}
