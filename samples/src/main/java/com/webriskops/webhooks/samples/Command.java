package com.webriskops.webhooks.samples;

import java.util.Set;

/** One command of the command line. Implementations are stateless. */
interface Command {
    /** The name typed after the jar, such as {@code send}. */
    String name();

    /** One line for the command list. */
    String summary();

    /** The full {@code --help} text. */
    String help();

    /** Options that take a value, without the leading dashes. */
    Set<String> options();

    /** Options that take no value, without the leading dashes ({@code help} is always accepted). */
    default Set<String> flags() {
        return Set.of();
    }

    /**
     * Runs the command.
     *
     * @return the exit code: 0 when it did what was asked, 1 when it ran but the outcome was not ok
     * @throws UsageException for wrong usage (exit 2)
     * @throws Exception for anything else (exit 1, one line on stderr)
     */
    int run(Args args, Console console) throws Exception;
}
