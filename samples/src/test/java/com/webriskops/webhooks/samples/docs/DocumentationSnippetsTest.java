package com.webriskops.webhooks.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Java block of the README, CONTRIBUTING and {@code docs/} is a region of a source the build
 * compiles, word for word: the line before the block names it ({@code <!-- snippet:
 * path/File.java#tag -->}), and the source marks it with {@code // tag::tag[]} and {@code //
 * end::tag[]}. A snippet that drifts from its source, or a Java block with no source, fails the
 * build; so does a relative link to a file that is not there.
 */
class DocumentationSnippetsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern MARKER = Pattern.compile("<!-- snippet: ([^#\\s]+)#([\\w-]+) -->");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void everyJavaBlockIsARegionOfACompiledSource() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            List<String> lines = Files.readAllLines(page);
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().equals("```java")) {
                    continue;
                }
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).strip().equals("```")) {
                    end++;
                }
                String where = ROOT.relativize(page) + ":" + (i + 1);
                Matcher marker = i > 0 ? MARKER.matcher(lines.get(i - 1).strip()) : null;
                if (marker == null || !marker.matches()) {
                    problems.add(where + ": a Java block without a <!-- snippet: path#tag --> line before it");
                } else {
                    String region = region(ROOT.resolve(marker.group(1)), marker.group(2), where, problems);
                    String block = String.join("\n", lines.subList(i + 1, end));
                    if (region != null && !region.equals(block)) {
                        problems.add(where + ": differs from " + marker.group(1) + "#" + marker.group(2)
                                + "\n--- source\n" + region + "\n--- page\n" + block);
                    }
                    checked++;
                }
                i = end;
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("Java blocks checked").isGreaterThanOrEqualTo(3);
    }

    @Test
    void relativeLinksPointAtFilesThatExist() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(Files.readString(page));
            while (link.find()) {
                String target = link.group(1);
                if (target.startsWith("http") || target.startsWith("#") || target.startsWith("mailto:")) {
                    continue;
                }
                String file = target.contains("#") ? target.substring(0, target.indexOf('#')) : target;
                if (!Files.exists(page.getParent().resolve(file))) {
                    missing.add(ROOT.relativize(page) + " -> " + target);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(ROOT.resolve("README.md")));
        if (Files.exists(ROOT.resolve("CONTRIBUTING.md"))) {
            pages.add(ROOT.resolve("CONTRIBUTING.md"));
        }
        try (Stream<Path> docs = Files.walk(ROOT.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /**
     * The lines between the tag's markers (a tag may mark several stretches, joined), other markers
     * left out, dedented; null when absent.
     */
    private static String region(Path source, String tag, String where, List<String> problems) throws IOException {
        if (!Files.isRegularFile(source)) {
            problems.add(where + ": no source " + ROOT.relativize(source));
            return null;
        }
        List<String> region = new ArrayList<>();
        boolean inside = false;
        boolean found = false;
        for (String line : Files.readAllLines(source)) {
            String marker = line.strip();
            if (marker.equals("// tag::" + tag + "[]")) {
                inside = true;
                found = true;
            } else if (marker.equals("// end::" + tag + "[]")) {
                inside = false;
            } else if (inside && !marker.startsWith("// tag::") && !marker.startsWith("// end::")) {
                region.add(line);
            }
        }
        if (!found) {
            problems.add(where + ": no region " + tag + " in " + ROOT.relativize(source));
            return null;
        }
        int indent = region.stream()
                .filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length())
                .min()
                .orElse(0);
        return String.join(
                "\n",
                region.stream()
                        .map(line ->
                                line.isBlank() ? "" : line.substring(indent).stripTrailing())
                        .toList());
    }
}
