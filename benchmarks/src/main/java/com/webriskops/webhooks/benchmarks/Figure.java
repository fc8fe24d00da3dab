package com.webriskops.webhooks.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** One measured figure: the rounds of the code under test and of its limit, and the verdict. */
final class Figure {
    final String id;
    final String what;
    final String unit;
    final String limitWhat;
    final List<Double> values = new ArrayList<>();
    final List<Double> limits = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    String target = "";
    String verdict = "n/a";
    /** The 1-minute load average when the figure was created and when its rounds ended. */
    final double loadAtStart = load();

    double loadAtEnd = Double.NaN;

    Figure(String id, String what, String unit, String limitWhat) {
        this.id = id;
        this.what = what;
        this.unit = unit;
        this.limitWhat = limitWhat;
    }

    List<Double> ratios() {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(values.size(), limits.size()); i++) {
            ratios.add(values.get(i) / limits.get(i));
        }
        return ratios;
    }

    static double median(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Spread: (max - min) / median, as a fraction. */
    static double spread(List<Double> xs) {
        if (xs.isEmpty()) {
            return Double.NaN;
        }
        double min = xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return (max - min) / median(xs);
    }

    static double min(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    static double max(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    void verdict(boolean pass) {
        verdict = pass ? "PASS" : "MISS";
        ended();
    }

    /** Notes the load average at the end of the figure's rounds (once). */
    void ended() {
        if (Double.isNaN(loadAtEnd)) {
            loadAtEnd = load();
        }
    }

    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    boolean missed() {
        return verdict.equals("MISS");
    }

    @Override
    public String toString() {
        return id + " " + what + ": " + values + " / " + limits + " " + verdict + " "
                + Arrays.toString(notes.toArray());
    }
}
