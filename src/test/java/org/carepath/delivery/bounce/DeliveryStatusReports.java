package org.carepath.delivery.bounce;

/** Bounce mails as Postfix writes them (RFC 3464), for the tests. */
final class DeliveryStatusReports {

    private DeliveryStatusReports() {
    }

    static String postfix(String recipient, String action, String status, String originalMessageId) {
        return """
                Return-Path: <>
                From: MAILER-DAEMON@mx.bounce.example (Mail Delivery System)
                To: care@riverside-clinic.example
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <20261204230000.ABC123@mx.bounce.example>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status;
                \tboundary="B0UND"

                This is a MIME-encapsulated message.

                --B0UND
                Content-Description: Notification
                Content-Type: text/plain; charset=us-ascii

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <%1$s>: host mx.bounce.example said: 550 5.1.1 <%1$s>: Recipient address rejected: User unknown

                --B0UND
                Content-Description: Delivery report
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.bounce.example
                X-Postfix-Queue-ID: ABC123
                Arrival-Date: Fri,  4 Dec 2026 23:00:00 +0000 (UTC)

                Final-Recipient: rfc822; %1$s
                Original-Recipient: rfc822;%1$s
                Action: %2$s
                Status: %3$s
                Remote-MTA: dns; mx.bounce.example
                Diagnostic-Code: smtp; 550 5.1.1 <%1$s>: Recipient address rejected: User unknown

                --B0UND
                Content-Description: Undelivered Message Headers
                Content-Type: text/rfc822-headers

                From: Riverside Clinic <care@riverside-clinic.example>
                To: %1$s
                Subject: A message from Riverside Clinic
                Message-ID: %4$s

                --B0UND--
                """.formatted(recipient, action, status, originalMessageId).replace("\n", "\r\n");
    }
}
