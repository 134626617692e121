package org.carepath.delivery.compose;

import java.util.Locale;
import java.util.Objects;

/**
 * What makes one delivery one delivery (architecture principle 4): the journey instance, the step in it, and the
 * recipient. A retry carries the same key, so it becomes the same message with the same Message-ID.
 */
public record IdempotencyKey(String journeyInstanceId, String stepId, String recipient) {

    public IdempotencyKey {
        Objects.requireNonNull(journeyInstanceId, "journeyInstanceId");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(recipient, "recipient");
    }

    /**
     * The key as one string. The parts are length-prefixed, so no two different keys can give the same string
     * (plain joining would make "a:b" + "c" equal "a" + "b:c"). The recipient address is lowercased and trimmed:
     * Jane@Example.org and jane@example.org are one mailbox in practice, and one delivery.
     */
    String canonical() {
        String address = recipient.strip().toLowerCase(Locale.ROOT);
        return journeyInstanceId.length() + ":" + journeyInstanceId
                + stepId.length() + ":" + stepId
                + address.length() + ":" + address;
    }
}
