package org.carepath.delivery.compose;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to compose: a template and its variables, for one recipient, in one delivery.
 *
 * @param unsubscribe present for marketing only: it adds the one-click unsubscribe headers. Other messages
 *                    (reminders, portal notices) must not offer to unsubscribe from care.
 */
public record MessageRequest(String template, Map<String, ?> variables, IdempotencyKey key,
                             Optional<Unsubscribe> unsubscribe) {

    public MessageRequest {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(variables, "variables");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(unsubscribe, "unsubscribe");
    }

    public static MessageRequest transactional(String template, Map<String, ?> variables, IdempotencyKey key) {
        return new MessageRequest(template, variables, key, Optional.empty());
    }

    public static MessageRequest marketing(String template, Map<String, ?> variables, IdempotencyKey key,
                                           Unsubscribe unsubscribe) {
        return new MessageRequest(template, variables, key, Optional.of(unsubscribe));
    }

    /** The recipient is the key's: the Message-ID and the To can never disagree. */
    public String recipient() {
        return key.recipient();
    }
}
