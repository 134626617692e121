package org.carepath.engagement;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /u/{token}}: the one endpoint without a login, because the link in the message is the credential.
 * A POST opts out at once (RFC 8058 one-click, as mail clients send it); a GET only shows a button that posts,
 * since link scanners follow GETs.
 */
@RestController
class UnsubscribeController {

    private final Unsubscribes unsubscribes;
    private final String organisation;

    UnsubscribeController(Unsubscribes unsubscribes, @Value("${carepath.delivery.organisation}") String organisation) {
        this.unsubscribes = unsubscribes;
        this.organisation = HtmlUtils.htmlEscape(organisation);
    }

    @GetMapping(path = "/u/{token}", produces = MediaType.TEXT_HTML_VALUE)
    String confirm(@PathVariable String token) {
        return page("<p>Stop marketing email from " + organisation + "? Care messages, such as appointment"
                + " reminders, will still reach you.</p><form method=\"post\"><button type=\"submit\">Unsubscribe"
                + "</button></form>");
    }

    @PostMapping(path = "/u/{token}", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> unsubscribe(@PathVariable String token) {
        if (!unsubscribes.unsubscribe(token)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(page("<p>This link is not valid.</p>"));
        }
        return ResponseEntity.ok(page("<p>You will no longer receive marketing email from " + organisation
                + ".</p>"));
    }

    private static String page(String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Unsubscribe</title></head>"
                + "<body>" + body + "</body></html>";
    }
}
