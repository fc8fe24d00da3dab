package com.webriskops.webhooks.samples;

import java.util.Set;

/** {@code demo}: the end-to-end walkthrough. */
final class DemoCommand implements Command {
    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "the end-to-end walkthrough on embedded defaults (start here)";
    }

    @Override
    public String help() {
        return Main.usage("demo", "");
    }

    @Override
    public Set<String> options() {
        return Set.of();
    }

    @Override
    public int run(Args args, Console console) {
        return Main.NOT_OK;
    }
}
