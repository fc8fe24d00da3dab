package com.webriskops.webhooks.dashboard.internal;

import java.util.List;
import java.util.Locale;

/**
 * Small SVG charts rendered on the server: no script, no inline style (only presentation attributes,
 * which a strict Content-Security-Policy allows). Each chart has a title and a text description, so a
 * screen reader reads the numbers, and the figure's caption states the total.
 */
public final class Charts {
    private static final int WIDTH = 360;
    private static final int HEIGHT = 96;
    private static final int PAD = 4;

    private Charts() {}

    /**
     * A bar chart of {@code values} (one bar per bucket), or a line when {@code line} is true.
     *
     * @param id a unique id for the chart's title and description
     * @param title what the chart shows
     * @param cssClass the class of the bars or the line (their colour comes from the stylesheet)
     */
    public static void chart(Html html, String id, String title, List<Long> values, boolean line, String cssClass) {
        long max = 1;
        long total = 0;
        for (long v : values) {
            max = Math.max(max, v);
            total += v;
        }
        int n = Math.max(1, values.size());
        double step = (WIDTH - 2.0 * PAD) / n;
        double scale = (HEIGHT - 2.0 * PAD) / max;
        html.raw("<figure class=\"chart\"><svg")
                .attr("viewBox", "0 0 " + WIDTH + " " + HEIGHT)
                .attr("width", WIDTH)
                .attr("height", HEIGHT)
                .attr("role", "img")
                .attr("aria-labelledby", id + "-title " + id + "-desc")
                .attr("id", id)
                .raw(">");
        html.raw("<title").attr("id", id + "-title").raw(">").text(title).raw("</title>");
        html.raw("<desc")
                .attr("id", id + "-desc")
                .raw(">")
                .text("Per minute, oldest first: " + join(values) + ". Highest: " + max + ".")
                .raw("</desc>");
        html.raw("<line class=\"axis\"")
                .attr("x1", PAD)
                .attr("y1", HEIGHT - PAD)
                .attr("x2", WIDTH - PAD)
                .attr("y2", HEIGHT - PAD)
                .raw("/>");
        if (line) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < values.size(); i++) {
                points.append(fmt(PAD + step * i + step / 2))
                        .append(',')
                        .append(fmt(HEIGHT - PAD - values.get(i) * scale))
                        .append(' ');
            }
            html.raw("<polyline")
                    .attr("class", cssClass)
                    .attr("points", points.toString().trim())
                    .raw("/>");
        } else {
            for (int i = 0; i < values.size(); i++) {
                long v = values.get(i);
                if (v > 0) {
                    double h = v * scale;
                    html.raw("<rect")
                            .attr("class", cssClass)
                            .attr("x", fmt(PAD + step * i + step * 0.1))
                            .attr("y", fmt(HEIGHT - PAD - h))
                            .attr("width", fmt(step * 0.8))
                            .attr("height", fmt(h))
                            .raw("/>");
                }
            }
        }
        html.raw("</svg><figcaption>")
                .text(title)
                .raw(": <strong>")
                .text(line ? values.isEmpty() ? 0 : values.get(values.size() - 1) : total)
                .raw("</strong>")
                .text(line ? " now, highest " + max : " in the last hour")
                .raw("</figcaption></figure>");
    }

    private static String join(List<Long> values) {
        StringBuilder sb = new StringBuilder();
        for (long v : values) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(v);
        }
        return sb.toString();
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }
}
