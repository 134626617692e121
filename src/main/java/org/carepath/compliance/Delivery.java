package org.carepath.compliance;

/** Result fact: the delivery path for the message. */
public record Delivery(DeliveryPath path) {
}
