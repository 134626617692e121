package org.carepath.security;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Every endpoint needs authentication, except the health check. The API takes API keys (Bearer) and, for
 * people, HTTP Basic; the engine REST API takes HTTP Basic; the Camunda webapps a login form. Which role may
 * call what is written here, in one place, so it can be read and audited at once.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    private static final String INTEGRATION = Role.INTEGRATION.name();
    private static final String COMPLIANCE = Role.COMPLIANCE.name();
    private static final String OPERATOR = Role.OPERATOR.name();
    private static final String DESIGNER = Role.DESIGNER.name();
    private static final String ADMIN = Role.ADMIN.name();

    /**
     * Path patterns are matched as such, not through Spring MVC's handler introspection, which cost a tenth
     * of the CPU of a whole decision request.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, ApiKeys keys) throws Exception {
        AuthenticationEntryPoint refuse = problem(HttpStatus.UNAUTHORIZED,
                "authentication required: an API key (Authorization: Bearer ...) or HTTP Basic");
        http.securityMatcher("/api/**", "/v3/api-docs", "/v3/api-docs/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, refuse), BasicAuthenticationFilter.class)
                .httpBasic(basic -> basic.authenticationEntryPoint(refuse))
                .exceptionHandling(e -> e.authenticationEntryPoint(refuse).accessDeniedHandler(forbidden()))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(POST, "/api/v1/decisions").hasAnyRole(INTEGRATION, COMPLIANCE, ADMIN)
                        .requestMatchers(GET, "/api/v1/decisions/*").hasAnyRole(INTEGRATION, COMPLIANCE, ADMIN)
                        .requestMatchers(GET, "/api/v1/rules").authenticated()
                        .requestMatchers(GET, "/api/v1/patients/*/phi-access").hasAnyRole(COMPLIANCE, ADMIN)
                        .requestMatchers("/api/v1/patients/*/keys", "/api/v1/patients/*/keys/*")
                                .hasAnyRole(INTEGRATION, ADMIN)
                        .requestMatchers(PUT, "/api/v1/patients/*").hasAnyRole(INTEGRATION, ADMIN)
                        .requestMatchers("/api/v1/patients/*/marketing-preference",
                                "/api/v1/patients/*/unencrypted-email-consent")
                                .hasAnyRole(INTEGRATION, COMPLIANCE, ADMIN)
                        .requestMatchers(GET, "/api/v1/patients/*", "/api/v1/patients/*/authorizations")
                                .hasAnyRole(INTEGRATION, COMPLIANCE, ADMIN)
                        .requestMatchers(POST, "/api/v1/patients/lookup").hasAnyRole(INTEGRATION, COMPLIANCE, ADMIN)
                        .requestMatchers(POST, "/api/v1/authorizations").hasAnyRole(COMPLIANCE, ADMIN)
                        .requestMatchers(POST, "/api/v1/authorizations/*/revocation")
                                .hasAnyRole(COMPLIANCE, INTEGRATION, ADMIN)
                        .requestMatchers(GET, "/api/v1/authorizations/*").hasAnyRole(COMPLIANCE, ADMIN)
                        .requestMatchers("/api/v1/rules/**").hasAnyRole(COMPLIANCE, ADMIN)
                        .requestMatchers(GET, "/api/v1/processes").hasAnyRole(DESIGNER, OPERATOR, ADMIN)
                        .requestMatchers("/api/v1/api-keys/**", "/api/v1/api-keys").hasRole(ADMIN)
                        .requestMatchers(POST, "/api/v1/data-key/re-encryption").hasRole(ADMIN)
                        .requestMatchers(POST, "/api/v1/segments").hasAnyRole(COMPLIANCE, DESIGNER, ADMIN)
                        .requestMatchers("/api/v1/segments", "/api/v1/segments/**")
                                .hasAnyRole(COMPLIANCE, DESIGNER, OPERATOR, INTEGRATION, ADMIN)
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**").authenticated()
                        .requestMatchers(POST, "/api/v1/imports/**").hasAnyRole(INTEGRATION, ADMIN)
                        .requestMatchers(POST, "/api/v1/messages").hasAnyRole(INTEGRATION, ADMIN)
                        .requestMatchers(POST, "/api/v1/engagements").hasAnyRole(INTEGRATION, ADMIN)
                        .requestMatchers(GET, "/api/v1/messages/*").hasAnyRole(INTEGRATION, OPERATOR, ADMIN)
                        .requestMatchers(GET, "/api/v1/delivery").hasAnyRole(OPERATOR, ADMIN)
                        .requestMatchers(POST, "/api/v1/bounces").hasAnyRole(INTEGRATION, OPERATOR, ADMIN)
                        .requestMatchers(GET, "/api/v1/patients/*/suppression")
                                .hasAnyRole(INTEGRATION, OPERATOR, COMPLIANCE, ADMIN)
                        .requestMatchers(DELETE, "/api/v1/patients/*/suppression").hasAnyRole(OPERATOR, ADMIN)
                        // campaigns mail thousands of patients: started and cancelled by people who answer for
                        // them, not by an integration's key (an EHR interface has no business launching one)
                        .requestMatchers(POST, "/api/v1/journeys", "/api/v1/journeys/events")
                                .hasAnyRole(INTEGRATION, OPERATOR, ADMIN)
                        .requestMatchers(POST, "/api/v1/campaigns/*/approval").hasAnyRole(COMPLIANCE, ADMIN)
                        .requestMatchers(POST, "/api/v1/campaigns", "/api/v1/campaigns/*/cancel")
                                .hasAnyRole(COMPLIANCE, OPERATOR, ADMIN)
                        .requestMatchers(GET, "/api/v1/campaigns", "/api/v1/campaigns/*")
                                .hasAnyRole(OPERATOR, COMPLIANCE, ADMIN)
                        .anyRequest().hasRole(ADMIN));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain engineRest(HttpSecurity http) throws Exception {
        AuthenticationEntryPoint refuse = problem(HttpStatus.UNAUTHORIZED, "authentication required: HTTP Basic");
        http.securityMatcher("/engine-rest/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(refuse))
                .exceptionHandling(e -> e.authenticationEntryPoint(refuse).accessDeniedHandler(forbidden()))
                .authorizeHttpRequests(a -> a.anyRequest().hasAnyRole(OPERATOR, DESIGNER, ADMIN));
        return http.build();
    }

    /**
     * Links patients follow from their mail: one-click unsubscribe (RFC 8058 clients post without cookies) and
     * the portal page (the link and a one-time code are the credentials). No session, so no CSRF to guard.
     */
    @Bean
    @Order(3)
    SecurityFilterChain patientLinks(HttpSecurity http) throws Exception {
        http.securityMatcher("/u/*", "/portal/m/*")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain health(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/health", "/actuator/health/**")
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(5)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.csrf(csrf -> csrf.ignoringRequestMatchers("/camunda/api/**"))
                .formLogin(form -> form.defaultSuccessUrl("/camunda/app/", false))
                .httpBasic(basic -> { })
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/login", "/error").permitAll()
                        .requestMatchers("/operator/**").hasAnyRole(OPERATOR, ADMIN)
                        .requestMatchers("/camunda/**").hasAnyRole(OPERATOR, DESIGNER, COMPLIANCE, ADMIN)
                        .anyRequest().authenticated());
        return http.build();
    }

    private static AuthenticationEntryPoint problem(HttpStatus status, String detail) {
        return (request, response, e) -> {
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"status\":" + status.value() + ",\"title\":\"" + status.getReasonPhrase()
                    + "\",\"detail\":\"" + detail + "\"}");
        };
    }

    private static AccessDeniedHandler forbidden() {
        return (request, response, e) -> {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"status\":403,\"title\":\"Forbidden\","
                    + "\"detail\":\"your role may not do this\"}");
        };
    }
}
