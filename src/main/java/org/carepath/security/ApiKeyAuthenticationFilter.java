package org.carepath.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/** {@code Authorization: Bearer cpk_...}: a wrong or revoked key is refused at once, never passed on. */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    private final ApiKeys keys;
    private final AuthenticationEntryPoint refuse;

    ApiKeyAuthenticationFilter(ApiKeys keys, AuthenticationEntryPoint refuse) {
        this.keys = keys;
        this.refuse = refuse;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<ApiKey> key = keys.authenticate(header.substring(7).strip());
        if (key.isEmpty()) {
            SecurityContextHolder.clearContext();
            refuse.commence(request, response, new BadCredentialsException("unknown or revoked API key"));
            return;
        }
        var authorities = key.get().roles().stream().map(r -> new SimpleGrantedAuthority(r.authority())).toList();
        var authentication = new UsernamePasswordAuthenticationToken("api-key:" + key.get().name(), null,
                authorities);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }
}
