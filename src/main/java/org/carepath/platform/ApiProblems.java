package org.carepath.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.carepath.compliance.decision.InvalidDecisionRequestException;
import org.carepath.consent.AuthorizationConflictException;
import org.carepath.compliance.decision.JournalException;
import org.carepath.compliance.decision.RequestValidation;
import org.carepath.compliance.decision.UnknownPatientException;
import org.carepath.compliance.rulebook.NoRuleBookException;
import org.carepath.compliance.rulebook.RuleBookConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * API errors as RFC 9457 problem details that name the field at fault. No message carries a request value:
 * request values can be PHI.
 */
@RestControllerAdvice
class ApiProblems extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getCause() instanceof JsonProcessingException json
                ? RequestValidation.describe(json)
                : "the request body is missing or unreadable";
        return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail));
    }

    @ExceptionHandler(InvalidDecisionRequestException.class)
    ProblemDetail invalid(InvalidDecisionRequestException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(UnknownPatientException.class)
    ProblemDetail unknownPatient(UnknownPatientException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
    }

    @ExceptionHandler(NoRuleBookException.class)
    ProblemDetail noRules(NoRuleBookException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(AuthorizationConflictException.class)
    ProblemDetail conflict(AuthorizationConflictException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(JournalException.class)
    ProblemDetail notStored(JournalException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
    }

    @ExceptionHandler(RuleBookConflictException.class)
    ProblemDetail inconsistentRules(RuleBookConflictException e) {
        log.error("Rule book conflict: {}", e.getMessage());
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the rule book is inconsistent: " + e.getMessage());
    }
}
