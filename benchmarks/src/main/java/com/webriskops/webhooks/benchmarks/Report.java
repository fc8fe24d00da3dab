package com.webriskops.webhooks.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@code latest.json} and {@code latest.md} from the figures of one run. */
final class Report {
    private Report() {}

    static void write(Path out, List<Figure> figures, Map<String, Object> extra, int rounds) throws Exception {
        figures.forEach(Figure::ended);
        Map<String, Object> machine = machine();
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("date", Instant.now().toString());
        root.put("machine", machine);
        root.put("rounds", rounds);
        root.put("extra", extra);
        List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (Figure f : figures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id);
            m.put("what", f.what);
            m.put("unit", f.unit);
            m.put("values", f.values);
            m.put("median", Figure.median(f.values));
            m.put("spread", Figure.spread(f.values));
            m.put("limit", f.limitWhat);
            m.put("limit_values", f.limits);
            m.put("limit_median", Figure.median(f.limits));
            m.put("limit_spread", Figure.spread(f.limits));
            m.put("ratios", f.ratios());
            m.put("ratio_median", Figure.median(f.ratios()));
            m.put("ratio_min", Figure.min(f.ratios()));
            m.put("ratio_max", Figure.max(f.ratios()));
            m.put("target", f.target);
            m.put("verdict", f.verdict);
            m.put("load_average_at_start", f.loadAtStart);
            m.put("load_average_at_end", f.loadAtEnd);
            m.put("notes", f.notes);
            list.add(m);
        }
        root.put("figures", list);
        BenchMain.json().writeValue(out.resolve("latest.json").toFile(), root);

        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Written by `benchmarks/run` on ").append(root.get("date")).append(".\n\n");
        machine.forEach(
                (k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append("- rounds per figure: ")
                .append(rounds)
                .append(" (figure and limit interleaved: A, limit, A, limit, ...)\n");
        md.append("- total run time: ").append(extra.get("total_seconds")).append(" s\n\n");
        md.append("Medians over the rounds; spread = (max - min) / median. Ratio = figure / limit, per round,"
                        + " median (min-max). Load = the 1-minute load average when the figure's rounds began and ended"
                        + " (the machine has ")
                .append(machine.get("cores"))
                .append(" cores and is shared: a load far above that means every figure and limit of the row"
                        + " ran starved, and ratios are the meaningful part).\n\n");
        Chart.write(out.resolve("latest.svg"), figures, "Benchmark results, " + root.get("date"));
        md.append("![each figure beside its limit](latest.svg)\n\n");
        md.append(
                "| id | what | figure (median, spread) | limit (median, spread) | ratio | target | verdict | load |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Figure f : figures) {
            md.append("| ").append(f.id).append(" | ").append(f.what).append(" | ");
            md.append(num(Figure.median(f.values))).append(' ').append(f.unit);
            md.append(" (").append(pct(Figure.spread(f.values))).append(") | ");
            if (f.limits.isEmpty()) {
                md.append("- | - | ");
            } else {
                md.append(f.limitWhat).append(": ").append(num(Figure.median(f.limits)));
                md.append(" (").append(pct(Figure.spread(f.limits))).append(") | ");
                md.append(String.format(
                        Locale.ROOT,
                        "%.2f (%.2f-%.2f)",
                        Figure.median(f.ratios()),
                        Figure.min(f.ratios()),
                        Figure.max(f.ratios())));
                md.append(" | ");
            }
            md.append(f.target).append(" | **").append(f.verdict).append("** | ");
            md.append(String.format(Locale.ROOT, "%.1f-%.1f", f.loadAtStart, f.loadAtEnd))
                    .append(" |\n");
        }
        md.append("\n## Notes and profiles of missed targets\n\n");
        for (Figure f : figures) {
            if (!f.notes.isEmpty()) {
                md.append("### ")
                        .append(f.id)
                        .append(": ")
                        .append(f.what)
                        .append(" (")
                        .append(f.verdict)
                        .append(")\n\n");
                for (String note : f.notes) {
                    md.append("- ").append(note).append('\n');
                }
                md.append('\n');
            }
        }
        md.append("## Other measurements\n\n");
        extra.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        Files.writeString(out.resolve("latest.md"), md.toString(), StandardCharsets.UTF_8);
    }

    private static Map<String, Object> machine() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        String cpu = "unknown";
        Path info = Path.of("/proc/cpuinfo");
        if (Files.exists(info)) {
            for (String line : Files.readAllLines(info)) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).strip();
                    break;
                }
            }
        }
        m.put("cpu", cpu);
        m.put("cores", Runtime.getRuntime().availableProcessors());
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        m.put("memory_gib", String.format(Locale.ROOT, "%.1f", os.getTotalMemorySize() / 1073741824.0));
        m.put("load_average_at_end", os.getSystemLoadAverage());
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        m.put(
                "jdk",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + " ("
                        + System.getProperty("java.vendor") + ")");
        return m;
    }

    static String num(double x) {
        if (Double.isNaN(x)) {
            return "-";
        }
        return x >= 100 ? String.format(Locale.ROOT, "%,.0f", x) : String.format(Locale.ROOT, "%.2f", x);
    }

    private static String pct(double x) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * x);
    }
}
