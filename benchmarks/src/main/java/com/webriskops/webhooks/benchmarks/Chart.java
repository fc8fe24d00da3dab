package com.webriskops.webhooks.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes {@code latest.svg}: one group of bars per figure, the figure (median of its rounds) beside
 * its limit (median of the limit's rounds), both on the figure's own scale (the longer of the two
 * fills the width), so bars of different units never share an axis. The figure's bar is green when
 * it met its target, red when it missed it, blue when it has none; the limit's bar is grey. Each bar
 * is labelled with its value and unit, and each group with the ratio, the target and the load average
 * measured beside it. Plain SVG 1.1, no scripts, no external resources.
 */
final class Chart {
    private static final int WIDTH = 1100;
    private static final int LABEL = 12;
    private static final int BAR_MAX = 640;
    private static final int BAR = 14;
    private static final int GROUP = 76;
    private static final int TOP = 56;

    private Chart() {}

    static void write(Path file, List<Figure> figures, String title) throws Exception {
        int height = TOP + GROUP * figures.size() + 30;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        text(svg, 12, 22, 15, "bold", title);
        text(
                svg,
                12,
                40,
                11,
                "normal",
                "Each figure (green: target met, red: missed, blue: no target) beside its limit (grey),"
                        + " on the figure's own scale; medians of the rounds.");
        int y = TOP;
        for (Figure f : figures) {
            double value = Figure.median(f.values);
            double limit = Figure.median(f.limits);
            double scale = Math.max(nz(value), nz(limit));
            text(svg, 12, y + 12, 12, "bold", f.id + " " + f.what);
            String detail = "target: " + f.target;
            if (!f.limits.isEmpty()) {
                detail = String.format(Locale.ROOT, "ratio %.2f; ", Figure.median(f.ratios())) + detail;
            }
            detail += String.format(Locale.ROOT, "; load avg %.1f", f.loadAtEnd);
            text(svg, 12, y + 28, 11, "normal", detail);
            String colour = f.verdict.equals("PASS") ? "#2e7d32" : f.verdict.equals("MISS") ? "#c62828" : "#1565c0";
            bar(svg, y + 34, value, scale, colour, Report.num(value) + " " + f.unit + " (" + f.verdict + ")");
            if (!f.limits.isEmpty()) {
                bar(
                        svg,
                        y + 36 + BAR,
                        limit,
                        scale,
                        "#9e9e9e",
                        "limit: " + Report.num(limit) + " (" + f.limitWhat + ")");
            }
            y += GROUP;
        }
        svg.append("</svg>\n");
        Files.writeString(file, svg.toString(), StandardCharsets.UTF_8);
    }

    private static double nz(double x) {
        return Double.isNaN(x) || x <= 0 ? 0 : x;
    }

    private static void bar(StringBuilder svg, int y, double value, double scale, String colour, String label) {
        int width = scale <= 0 ? 0 : (int) Math.round(BAR_MAX * nz(value) / scale);
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>\n",
                LABEL,
                y,
                Math.max(width, 1),
                BAR,
                colour));
        text(svg, LABEL + Math.max(width, 1) + 6, y + BAR - 3, 11, "normal", label);
    }

    private static void text(StringBuilder svg, int x, int y, int size, String weight, String text) {
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\">%s</text>\n",
                x,
                y,
                size,
                weight,
                escape(text)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
