package org.repsim.scenario.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README and the pages under {@code docs/} link to each other by relative paths and section
 * anchors (code comments cite "docs/model.md §N"): every such link must lead to an existing file
 * and, with a {@code #fragment}, to a heading of that page (GitHub's anchor rules); and model.md
 * keeps the section numbers that code comments cite.
 */
class DocsLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");

    static List<Path> pages() throws IOException {
        Path docs = TutorialScenariosTest.docs();
        List<Path> pages = new ArrayList<>(List.of(docs.getParent().resolve("README.md")));
        try (Stream<Path> s = Files.list(docs)) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        String text = heading.replaceAll("`", "").strip().toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                b.append(c);
            } else if (c == ' ') {
                b.append('-');
            }
        }
        return b.toString();
    }

    static Set<String> anchors(Path page) throws IOException {
        Set<String> out = new HashSet<>();
        boolean fenced = false;
        for (String line : Files.readAllLines(page)) {
            if (line.startsWith("```")) {
                fenced = !fenced;
            }
            Matcher m = HEADING.matcher(line);
            if (!fenced && m.matches()) {
                out.add(anchor(m.group(1)));
            }
        }
        return out;
    }

    @Test
    void everyRelativeLinkLeadsToAFileAndHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path page : pages()) {
            String text = Files.readString(page);
            Matcher m = LINK.matcher(text);
            while (m.find()) {
                String target = m.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")) {
                    continue;
                }
                links++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(page.getFileName() + ": " + target + " (no file)");
                } else if (hash >= 0 && !anchors(resolved).contains(target.substring(hash + 1))) {
                    broken.add(page.getFileName() + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(links).as("relative links found").isGreaterThan(20);
        assertThat(broken).as("broken links in README.md and docs/").isEmpty();
    }

    @Test
    void modelReferenceKeepsTheCitedSectionNumbers() throws IOException {
        List<String> numbers = new ArrayList<>();
        for (String line : Files.readAllLines(TutorialScenariosTest.docs().resolve("model.md"))) {
            Matcher m = Pattern.compile("^#{2,3} (\\d+[a-z]?)\\. ").matcher(line);
            if (m.find()) {
                numbers.add(m.group(1));
            }
        }
        assertThat(numbers).containsExactly("1", "2", "3", "4", "5", "6", "6a", "6b", "7", "7a", "8", "9");
    }

    @Test
    void codeCommentsCiteExistingPagesAndSections() throws IOException {
        Path root = TutorialScenariosTest.docs().getParent();
        Set<String> sections = new HashSet<>();
        for (String line : Files.readAllLines(root.resolve("docs/model.md"))) {
            Matcher m = Pattern.compile("^#{2,3} (\\d+[a-z]?)\\. ").matcher(line);
            if (m.find()) {
                sections.add(m.group(1));
            }
        }
        Pattern page = Pattern.compile("docs/([a-z-]+\\.md)( ?§ ?(\\d+[a-z]?))?");
        List<String> broken = new ArrayList<>();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(root)) {
            sources = s.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("/target/")).toList();
        }
        for (Path f : sources) {
            Matcher m = page.matcher(Files.readString(f));
            while (m.find()) {
                if (!Files.exists(root.resolve("docs").resolve(m.group(1)))) {
                    broken.add(root.relativize(f) + ": " + m.group());
                } else if (m.group(3) != null && !sections.contains(m.group(3))) {
                    broken.add(root.relativize(f) + ": " + m.group() + " (no such section)");
                }
            }
        }
        assertThat(broken).as("citations of docs/ in code comments").isEmpty();
    }

    @Test
    void theFormatPageNamesEveryKeyOfTheSchemaWithItsDefault() throws IOException {
        String page = Files.readString(TutorialScenariosTest.docs().resolve("scenario-format.md"));
        List<String> rows = page.lines().map(String::strip).filter(l -> l.startsWith("|")).toList();
        com.fasterxml.jackson.databind.JsonNode schema = org.repsim.scenario.validate.ScenarioSchema.generate();
        List<String> missing = new ArrayList<>();
        List<com.fasterxml.jackson.databind.JsonNode> objects = new ArrayList<>(List.of(schema));
        schema.get("$defs").forEach(objects::add);
        for (int i = 0; i < objects.size(); i++) {
            com.fasterxml.jackson.databind.JsonNode o = objects.get(i);
            if (o.has("oneOf")) {
                o.get("oneOf").forEach(objects::add);
            }
            if (!o.has("properties")) {
                continue;
            }
            o.get("properties").fields().forEachRemaining(e -> {
                String key = "`" + e.getKey() + "`";
                if (rows.stream().noneMatch(r -> r.contains(key))) {
                    missing.add(e.getKey() + " (no table row)");
                } else if (e.getValue().has("default")) {
                    String value = e.getValue().get("default").toString();
                    if (!page.replace(" ", "").contains(("`" + value + "`").replace(" ", ""))) {
                        missing.add(e.getKey() + " (default " + value + " not shown)");
                    }
                }
            });
        }
        assertThat(missing).as("keys of repsim schema missing from docs/scenario-format.md").isEmpty();
    }
}
