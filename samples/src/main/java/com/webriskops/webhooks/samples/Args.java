package com.webriskops.webhooks.samples;

import jakarta.annotation.Nullable;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command's parsed options: {@code --name value} or {@code --name=value}, and bare flags. Only the
 * options and flags the command declares are accepted; anything else is a {@link UsageException}.
 */
final class Args {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private final Map<String, String> values;
    private final Set<String> flags;

    private Args(Map<String, String> values, Set<String> flags) {
        this.values = values;
        this.flags = flags;
    }

    static Args parse(String[] args, int from, Set<String> options, Set<String> flagNames) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new UsageException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flagNames.contains(name)) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                flags.add(name);
            } else if (options.contains(name)) {
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = args[++i];
                }
                if (values.put(name, value) != null) {
                    throw new UsageException("--" + name + " given twice");
                }
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return new Args(values, flags);
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    @Nullable
    String optional(String name) {
        return values.get(name);
    }

    String required(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    /** The required {@code --port}: 0 (any free port) to 65535. */
    int port() {
        int port = integer("port", -1, 0, 65_535);
        if (port < 0) {
            throw new UsageException("--port is required");
        }
        return port;
    }

    int integer(String name, int defaultValue, int min, int max) {
        String value = values.get(name);
        if (value == null) {
            return defaultValue;
        }
        long n = wholeNumber(value, min, max);
        if (n < 0) {
            throw new UsageException(
                    "--" + name + " must be a whole number from " + min + " to " + max + ", not '" + value + "'");
        }
        return (int) n;
    }

    /**
     * {@code text} as a number from {@code min} to {@code max} (both at least 0), or -1 when it is
     * anything else: only ASCII digits count, so {@code +5}, {@code -0}, {@code ١٧} (Arabic-Indic
     * digits, which {@link Long#parseLong} accepts) and numbers too long for a {@code long} are all -1.
     */
    static long wholeNumber(String text, long min, long max) {
        if (text.isEmpty() || text.length() > 18) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        long n = Long.parseLong(text);
        return n >= min && n <= max ? n : -1;
    }

    @Nullable
    Duration duration(String name) {
        String value = values.get(name);
        return value == null ? null : parseDuration(name, value);
    }

    /** Reads {@code 500ms}, {@code 2s}, {@code 5m} or {@code 1h}. */
    static Duration parseDuration(String name, String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(
                    "--" + name + " must be a duration such as 500ms, 2s, 5m or 1h, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (duration.isZero()) {
            throw new UsageException("--" + name + " must be positive");
        }
        return duration;
    }
}
