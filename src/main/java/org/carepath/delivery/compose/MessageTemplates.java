package org.carepath.delivery.compose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * The message templates under one root folder ({@code carepath.templates.dir}): a template is a folder
 * {@code <name>/} holding {@code subject.mustache}, {@code body.txt.mustache} and {@code body.html.mustache}.
 *
 * <p>Mustache is logic-less on purpose: whoever edits a template can place values but cannot compute with them,
 * so what a message says is decided by the rules and the caller, not by template code. Variables are
 * HTML-escaped in the HTML part only; the text part and the subject carry them as they are. A missing
 * variable is an error (never an empty string: a reminder without its date is worse than no reminder).
 * A variable with a line break is refused in the subject, the one part that becomes a header.
 *
 * <p>Compiled templates are cached by name for the life of this object.
 */
public class MessageTemplates {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    // Text and subject: values as they are. HTML: values escaped. Neither has a template loader, so a partial
    // ({{> x}}) cannot reach outside the template's folder.
    private static final Mustache.Compiler PLAIN = Mustache.compiler().escapeHTML(false);
    private static final Mustache.Compiler HTML = Mustache.compiler().withEscaper(Escapers.HTML);
    // The subject's formatter sees every value, escaped ({{x}}) or not ({{{x}}}), before it is written.
    private static final Mustache.Compiler SUBJECT = PLAIN.withFormatter(MessageTemplates::singleLine);

    private final ResourceLoader resources;
    private final String root;
    private final Map<String, CompiledTemplate> cache = new ConcurrentHashMap<>();

    /** @param root a Spring resource location, such as {@code classpath:/message-templates/} or {@code file:./templates/} */
    public MessageTemplates(ResourceLoader resources, String root) {
        this.resources = resources;
        this.root = root.endsWith("/") ? root : root + "/";
    }

    public RenderedMessage render(String name, Map<String, ?> variables) {
        CompiledTemplate template = cache.computeIfAbsent(checkedName(name), this::compile);
        return new RenderedMessage(
                execute(name, "subject", template.subject(), variables),
                execute(name, "body.txt", template.text(), variables),
                execute(name, "body.html", template.html(), variables));
    }

    private static String checkedName(String name) {
        // The name becomes part of a resource path: no dots or slashes, so no way out of the root.
        if (name == null || !NAME.matcher(name).matches()) {
            throw new TemplateException("invalid template name: use lowercase letters, digits and hyphens");
        }
        return name;
    }

    private CompiledTemplate compile(String name) {
        String subject = read(name, "subject.mustache").strip();
        if (HeaderValues.hasLineBreak(subject)) {
            throw new TemplateException("template " + name + ": subject.mustache must be a single line");
        }
        return new CompiledTemplate(
                compile(name, "subject.mustache", SUBJECT, subject),
                compile(name, "body.txt.mustache", PLAIN, read(name, "body.txt.mustache")),
                compile(name, "body.html.mustache", HTML, read(name, "body.html.mustache")));
    }

    private static Template compile(String name, String file, Mustache.Compiler compiler, String source) {
        try {
            return compiler.compile(source);
        } catch (MustacheException e) {
            // Template source is not patient data: its parse error can be shown as it is
            throw new TemplateException("template " + name + "/" + file + ": " + e.getMessage(), e);
        }
    }

    private String read(String name, String file) {
        Resource resource = resources.getResource(root + name + "/" + file);
        if (!resource.exists()) {
            throw new TemplateException("template " + name + ": " + file + " not found under " + root);
        }
        try (InputStream in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException("template " + name + ": " + file + " could not be read", e);
        }
    }

    private static String execute(String name, String part, Template template, Map<String, ?> variables) {
        try {
            return template.execute(variables);
        } catch (MustacheException.Context e) {
            // e.key is the variable's name; jmustache's own message is not passed on, in case a later version
            // puts a value into it. The cause is dropped for the same reason.
            throw new TemplateException("template " + name + ": variable '" + e.key + "' is missing (" + part + ")");
        } catch (HeaderInjectionException e) {
            throw new HeaderInjectionException("template " + name + ": a variable of the subject "
                    + offendingNames(variables) + "contains a line break (CR or LF), which could add a header");
        } catch (MustacheException e) {
            throw new TemplateException("template " + name + ": " + part + " could not be rendered");
        }
    }

    /** The names (never the values) of the variables holding a line break, for the error message. */
    private static String offendingNames(Map<String, ?> variables) {
        StringBuilder names = new StringBuilder();
        variables.forEach((key, value) -> {
            if (value != null && HeaderValues.hasLineBreak(String.valueOf(value))) {
                names.append('\'').append(key).append("' ");
            }
        });
        return names.toString();
    }

    private static CharSequence singleLine(Object value) {
        String text = String.valueOf(value);
        if (HeaderValues.hasLineBreak(text)) {
            throw new HeaderInjectionException("subject variable contains a line break");
        }
        return text;
    }

    private record CompiledTemplate(Template subject, Template text, Template html) {
    }
}
