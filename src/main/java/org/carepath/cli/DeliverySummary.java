package org.carepath.cli;

import java.io.PrintStream;

/**
 * The figures of one {@code bench delivery} run side by side, and the ratio the issue sets a target for:
 * carepath's TLS path against a plain Jakarta Mail loop into the same sink in the same run.
 */
record DeliverySummary(int messages, int threads, int warmup, DeliveryRate plain, DeliveryRate tls,
                       DeliveryRate smime, DeliveryRate pgp) {

    static final double TARGET = 0.5;
    static final double AIM = 0.7;

    /** TLS over plain, in messages per second; NaN when either was not measured or the plain loop sent none. */
    double ratio() {
        if (plain == null || tls == null || plain.perSecond() == 0) {
            return Double.NaN;
        }
        return tls.perSecond() / plain.perSecond();
    }

    boolean anyFailed() {
        return failed(plain) || failed(tls) || failed(smime) || failed(pgp);
    }

    String verdict() {
        double ratio = ratio();
        if (Double.isNaN(ratio)) {
            return "no ratio (plain and TLS were not both measured)";
        }
        if (ratio >= AIM) {
            return String.format("meets the target (%.1f) and the aim (%.1f)", TARGET, AIM);
        }
        return ratio >= TARGET ? String.format("meets the target (%.1f), below the aim (%.1f)", TARGET, AIM)
                : String.format("BELOW the target (%.1f)", TARGET);
    }

    void print(PrintStream out) {
        out.println();
        out.printf("Summary: %,d messages per path, %d threads, %,d warm-up messages before each%n", messages,
                threads, warmup);
        line(out, "plain Jakarta Mail loop", plain);
        line(out, "carepath TLS", tls);
        line(out, "carepath S/MIME", smime);
        line(out, "carepath PGP", pgp);
        if (!Double.isNaN(ratio())) {
            out.printf("  ratio TLS / plain: %.2f  %s%n", ratio(), verdict());
        }
        if (anyFailed()) {
            out.println("  !!! SOME MESSAGES FAILED OR TOOK ANOTHER PATH: the figures above are not valid !!!");
        }
    }

    private static void line(PrintStream out, String label, DeliveryRate rate) {
        if (rate == null) {
            return;
        }
        out.printf("  %-24s %,9.1f msgs/s  (%,d of %,d in %.2f s%s)%n", label, rate.perSecond(), rate.delivered(),
                rate.messages(), rate.seconds(), rate.failed() > 0 ? ", " + rate.failed() + " FAILED" : "");
    }

    private static boolean failed(DeliveryRate rate) {
        return rate != null && rate.failed() > 0;
    }
}
