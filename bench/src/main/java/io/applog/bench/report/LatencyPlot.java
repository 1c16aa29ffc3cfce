package io.applog.bench.report;

import io.applog.bench.peer.Peers;

import java.util.List;
import java.util.Locale;

/**
 * The latency-percentile plot of a run as a self-contained SVG (no fonts or AWT needed to
 * make it): one panel per thread count, percentile on a log(1/(1-p)) axis, latency on a log
 * axis, one line per logger.
 */
public final class LatencyPlot {
    private static final String[][] POINTS = {{"50.0", "p50"}, {"90.0", "p90"}, {"99.0", "p99"},
            {"99.9", "p99.9"}, {"99.99", "p99.99"}, {"99.999", "p99.999"}, {"100.0", "max"}};
    private static final String[] COLORS = {"#d62728", "#ff9896", "#e377c2", "#7f7f7f", "#1f77b4",
            "#17becf", "#2ca02c", "#9467bd", "#bcbd22", "#8c564b", "#ff7f0e"};
    private static final String[] UNITS = {"ns", "µs", "ms", "s"};
    private static final int WIDTH = 1030;
    private static final int PANEL_W = 420;
    private static final int PANEL_H = 300;
    private static final int TOP = 60;
    private static final int LEFT = 70;
    private static final int GAP = 90;

    private LatencyPlot() {
    }

    /** The SVG text, or null when the rows hold no latency benchmark. */
    public static String svg(List<JmhRow> rows, String title) {
        List<JmhRow> latency = MarkdownReport.sorted(rows, MarkdownReport.LATENCY);
        if (latency.isEmpty()) {
            return null;
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        for (JmhRow r : latency) {
            for (String[] p : POINTS) {
                double v = MarkdownReport.percentileNanos(r, p[0]);
                if (v > 0) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        int lo = (int) Math.floor(Math.log10(min));
        int hi = Math.max(lo + 1, (int) Math.ceil(Math.log10(max)));
        List<String> loggers = Peers.ALL.stream()
                .filter(l -> latency.stream().anyMatch(r -> l.equals(r.param(MarkdownReport.LOGGER)))).toList();
        int legendRows = (loggers.size() + 3) / 4;
        int height = TOP + PANEL_H + 60 + legendRows * 22 + 10;

        StringBuilder svg = new StringBuilder();
        svg.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                + " font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
        svg.append(f("<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", WIDTH, height));
        svg.append(f("<text x=\"%d\" y=\"24\" font-size=\"16\" text-anchor=\"middle\">%s</text>%n", WIDTH / 2, escape(title)));
        int[] threads = {1, 2};
        for (int i = 0; i < threads.length; i++) {
            int x0 = LEFT + i * (PANEL_W + GAP);
            panel(svg, latency, loggers, threads[i], x0, lo, hi);
        }
        int legendY = TOP + PANEL_H + 50;
        for (int i = 0; i < loggers.size(); i++) {
            int x = LEFT + (i % 4) * 220;
            int y = legendY + (i / 4) * 22;
            String color = color(loggers.get(i));
            svg.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"%s\"/>%n",
                    x, y, x + 28, y, color, width(loggers.get(i))));
            svg.append(f("<text x=\"%d\" y=\"%d\">%s</text>%n", x + 36, y + 4, escape(loggers.get(i))));
        }
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static void panel(StringBuilder svg, List<JmhRow> rows, List<String> loggers, int threads,
                              int x0, int lo, int hi) {
        svg.append(f("<text x=\"%d\" y=\"%d\" font-size=\"14\" text-anchor=\"middle\">%d thread%s</text>%n",
                x0 + PANEL_W / 2, TOP - 12, threads, threads == 1 ? "" : "s"));
        svg.append(f("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
                x0, TOP, PANEL_W, PANEL_H));
        for (int d = lo; d <= hi; d++) {
            double y = y(Math.pow(10, d), lo, hi);
            svg.append(f("<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n", x0, y, x0 + PANEL_W, y));
            svg.append(f("<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", x0 - 6, y + 4, decade(d)));
        }
        for (String[] p : POINTS) {
            double x = x0 + x(p[0]);
            svg.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>%n", x, TOP, x, TOP + PANEL_H));
            svg.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", x, TOP + PANEL_H + 18, p[1]));
        }
        for (String logger : loggers) {
            JmhRow r = MarkdownReport.find(rows, MarkdownReport.LATENCY, logger, threads);
            if (r == null) {
                continue;
            }
            StringBuilder points = new StringBuilder();
            for (String[] p : POINTS) {
                double v = MarkdownReport.percentileNanos(r, p[0]);
                if (v > 0) {
                    points.append(f("%.1f,%.1f ", x0 + x(p[0]), y(v, lo, hi)));
                }
            }
            svg.append(f("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"%s\" points=\"%s\"><title>%s</title></polyline>%n",
                    color(logger), width(logger), points.toString().trim(), escape(logger)));
        }
    }

    /** Horizontal position of a percentile key inside a panel: log10(1/(1-p)), p50 at the left, max at the right. */
    private static double x(String key) {
        double p = Double.parseDouble(key);
        double pos = p >= 100 ? 6 : Math.log10(100 / (100 - p));
        double left = Math.log10(2);
        return 10 + (pos - left) / (6 - left) * (PANEL_W - 20);
    }

    private static double y(double nanos, int lo, int hi) {
        return TOP + PANEL_H - (Math.log10(nanos) - lo) / (hi - lo) * PANEL_H;
    }

    private static String decade(int d) {
        int unit = Math.min(UNITS.length - 1, Math.max(0, d / 3));
        long value = (long) Math.pow(10, d - unit * 3);
        return value + " " + UNITS[unit];
    }

    private static String color(String logger) {
        int i = Peers.ALL.indexOf(logger);
        return i < 0 ? "#000" : COLORS[i % COLORS.length];
    }

    private static String width(String logger) {
        return logger.startsWith(Peers.APPLOG) ? "2.5" : "1.5";
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
