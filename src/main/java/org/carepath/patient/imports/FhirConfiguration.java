package org.carepath.patient.imports;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The application's one FHIR R4 context: building one scans every resource model, which takes seconds. */
@Configuration(proxyBeanMethods = false)
class FhirConfiguration {

    @Bean
    FhirContext fhirContext() {
        FhirContext context = FhirContext.forR4();
        // the resource definitions are otherwise scanned on the first import, inside a client's request
        FhirResources.SUPPORTED.values().forEach(context::getResourceDefinition);
        return context;
    }
}
