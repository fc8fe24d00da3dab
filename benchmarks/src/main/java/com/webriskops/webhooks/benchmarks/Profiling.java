package com.webriskops.webhooks.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Profiles a missed target with JDK Flight Recorder: runs the work again under a recording with the
 * "profile" settings, keeps the file under {@code jfr/}, and summarises the execution samples: the
 * hottest methods (top frame) and the kit's methods that are on the stack most often.
 */
final class Profiling {
    private static final int TOP = 8;

    private Profiling() {}

    static List<String> profile(Path out, String name, Runnable work) throws Exception {
        Path file = out.resolve("jfr").resolve(name + ".jfr");
        try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
            recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        return summarise(file);
    }

    static List<String> summarise(Path file) throws Exception {
        Map<String, Integer> top = new HashMap<>();
        Map<String, Integer> kit = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            top.merge(name(frames.get(0)), 1, Integer::sum);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (RecordedFrame frame : frames) {
                String method = name(frame);
                if (method.startsWith("com.webriskops.webhooks.")
                        && !method.startsWith("com.webriskops.webhooks.benchmarks.")
                        && seen.add(method)) {
                    kit.merge(method, 1, Integer::sum);
                }
            }
        }
        List<String> notes = new ArrayList<>();
        notes.add("JFR " + file.getFileName() + ": " + samples + " execution samples (all threads)");
        notes.add("hottest methods (top frame): " + rank(top, samples));
        notes.add("kit methods on the stack: " + rank(kit, samples));
        return notes;
    }

    private static String rank(Map<String, Integer> counts, int samples) {
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue().reversed());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < Math.min(TOP, entries.size()); i++) {
            if (i > 0) {
                text.append("; ");
            }
            Map.Entry<String, Integer> e = entries.get(i);
            text.append(e.getKey())
                    .append(String.format(Locale.ROOT, " %.0f%%", 100.0 * e.getValue() / Math.max(1, samples)));
        }
        return text.toString();
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
