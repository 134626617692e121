package org.carepath.delivery.catcher;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The operator page of the mail catcher: {@code /operator/mail} lists what it caught, newest first;
 * {@code /operator/mail/{id}} shows one message (envelope, headers, the text of an unencrypted one, the
 * source) and {@code /operator/mail/{id}/raw} downloads it. Server-rendered with Mustache, which escapes
 * every value for HTML. Who may see it is decided in the security configuration (OPERATOR, ADMIN); caught
 * mail may hold PHI, so answers are never cached.
 */
@RestController
class CaughtMailPages {

    static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);
    static final MediaType RFC822 = MediaType.parseMediaType("message/rfc822");
    /** A page, not a download: longer sources are cut, and the download has all of it. */
    static final int MAX_SOURCE_SHOWN = 256 * 1024;

    private final ObjectProvider<MailCatcher> catcher;
    private final boolean routed;
    private final Template list = template("caught-mail");
    private final Template detail = template("caught-message");

    CaughtMailPages(ObjectProvider<MailCatcher> catcher, @Value("${carepath.delivery.routes:}") String routes) {
        this.catcher = catcher;
        this.routed = routes.isBlank();
    }

    @GetMapping("/operator/mail")
    ResponseEntity<String> list() {
        MailCatcher running = catcher.getIfAvailable();
        Map<String, Object> page = new HashMap<>();
        page.put("enabled", running != null);
        if (running == null) {
            return html(HttpStatus.NOT_FOUND, list.execute(page));
        }
        List<Map<String, Object>> messages = running.messages().stream().map(CaughtMailPages::summary).toList();
        page.put("host", running.host());
        page.put("port", running.port());
        page.put("routed", routed);
        page.put("maxMessages", MailCatcherConfiguration.MAX_MESSAGES);
        page.put("empty", messages.isEmpty());
        page.put("messages", messages);
        return html(HttpStatus.OK, list.execute(page));
    }

    @GetMapping("/operator/mail/{id}")
    ResponseEntity<String> message(@PathVariable long id) {
        Optional<CaughtMessage> found = find(id);
        if (found.isEmpty()) {
            return notFound();
        }
        CaughtMessage message = found.get();
        Map<String, Object> page = summary(message);
        page.put("messageId", message.messageId());
        page.put("contentType", message.contentType());
        page.put("encrypted", ReadableText.encrypted(message));
        page.put("text", ReadableText.of(message).orElse(null));
        int shown = Math.min(message.size(), MAX_SOURCE_SHOWN);
        page.put("source", new String(message.raw(), 0, shown, StandardCharsets.UTF_8));
        page.put("sourceTruncated", shown < message.size());
        page.put("sourceShown", shown);
        return html(HttpStatus.OK, detail.execute(page));
    }

    @GetMapping("/operator/mail/{id}/raw")
    ResponseEntity<byte[]> raw(@PathVariable long id) {
        Optional<CaughtMessage> found = find(id);
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore()).build();
        }
        return ResponseEntity.ok().contentType(RFC822).cacheControl(CacheControl.noStore())
                .header("Content-Disposition",
                        ContentDisposition.attachment().filename("caught-" + id + ".eml").build().toString())
                .body(found.get().raw());
    }

    private Optional<CaughtMessage> find(long id) {
        MailCatcher running = catcher.getIfAvailable();
        return running == null ? Optional.empty() : running.message(id);
    }

    private static Map<String, Object> summary(CaughtMessage message) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", message.id());
        row.put("receivedAt", message.receivedAt().toString());
        row.put("envelopeFrom", message.envelopeFrom().isEmpty() ? "<>" : message.envelopeFrom());
        row.put("envelopeTo", message.envelopeTo());
        row.put("subject", message.subject());
        row.put("mediaType", message.mediaType());
        row.put("size", message.size());
        row.put("tlsProtocol", message.tlsProtocol());
        row.put("cipherSuite", message.cipherSuite());
        return row;
    }

    private static ResponseEntity<String> notFound() {
        return html(HttpStatus.NOT_FOUND, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Not caught</title></head><body><p id=\"not-found\">No such caught message (the catcher is "
                + "off, or the message was dropped to make room, or the server restarted).</p>"
                + "<p><a href=\"/operator/mail\">All caught mail</a></p></body></html>");
    }

    private static ResponseEntity<String> html(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore()).body(body);
    }

    private static Template template(String name) {
        ClassPathResource resource = new ClassPathResource("operator-pages/" + name + ".mustache");
        try (Reader reader = new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8)) {
            // escapeHTML: every value is escaped; nullValue: an absent header shows as nothing
            return Mustache.compiler().escapeHTML(true).nullValue("").compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("operator page template missing: " + name, e);
        }
    }
}
