package io.hostapp.updater.repo.publish;

import io.hostapp.manifest.metadata.Root;
import io.hostapp.manifest.publish.ExpiryPolicy;
import io.hostapp.updater.ExitCode;
import io.hostapp.updater.UpdateException;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expiry overrides on the command line: {@code ROLE=DURATION} with DURATION a positive integer and a unit
 * {@code s}, {@code m}, {@code h}, {@code d} or {@code w} ({@code timestamp=6h}, {@code root=730d}). Roles not
 * named keep {@link ExpiryPolicy#defaults()}: timestamp 1 day, snapshot 7 days, targets 90 days, root 365 days.
 */
public final class Expiries {
    private static final Pattern SPEC = Pattern.compile("([a-z]+)=([0-9]{1,9})([smhdw])");

    private Expiries() {
    }

    public static ExpiryPolicy parse(List<String> overrides) throws UpdateException {
        ExpiryPolicy p = ExpiryPolicy.defaults();
        Duration root = p.root();
        Duration targets = p.targets();
        Duration snapshot = p.snapshot();
        Duration timestamp = p.timestamp();
        for (String o : overrides) {
            Matcher m = SPEC.matcher(o.toLowerCase(Locale.ROOT));
            if (!m.matches() || !Root.TOP_LEVEL_ROLES.contains(m.group(1)) || Long.parseLong(m.group(2)) == 0) {
                throw new UpdateException(ExitCode.USAGE, "--expires " + o + ": expected ROLE=DURATION, ROLE one of root, "
                        + "targets, snapshot, timestamp and DURATION like 12h, 7d, 2w (units s, m, h, d, w)");
            }
            long n = Long.parseLong(m.group(2));
            Duration d = switch (m.group(3)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            };
            switch (m.group(1)) {
                case "root" -> root = d;
                case "targets" -> targets = d;
                case "snapshot" -> snapshot = d;
                default -> timestamp = d;
            }
        }
        return new ExpiryPolicy(root, targets, snapshot, timestamp);
    }
}
