package org.carepath.security;

import java.util.Map;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Camunda's own authentication filters, placed after Spring Security and told to trust it: the webapps and
 * the engine REST API see the user Spring Security authenticated (Camunda leaves /engine-rest open by default).
 */
@Configuration(proxyBeanMethods = false)
class CamundaAuthenticationFilters {

    private static final Map<String, String> PROVIDER = Map.of("authentication-provider",
            SpringSecurityCamundaAuthentication.class.getName());

    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> camundaWebappAuthentication() {
        var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setInitParameters(PROVIDER);
        registration.addUrlPatterns("/camunda/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> camundaEngineRestAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setInitParameters(PROVIDER);
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
        return registration;
    }
}
