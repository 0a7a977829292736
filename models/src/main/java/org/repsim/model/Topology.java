package org.repsim.model;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sites, boxes and links of one model by name (DOMAIN §1), in declaration order, so that
 * the scenario layer and the engines can find them and iteration is deterministic.
 */
public final class Topology {
    private final Map<String, Site> sites = new LinkedHashMap<>();
    private final Map<String, Box> boxes = new LinkedHashMap<>();
    private final Map<String, WanLink> links = new LinkedHashMap<>();

    public Site addSite(String name) {
        Site s = new Site(name);
        if (sites.putIfAbsent(name, s) != null) {
            throw new IllegalArgumentException("site declared twice: " + name);
        }
        return s;
    }

    public Box addBox(Box box) {
        requireSite(box.site());
        if (boxes.putIfAbsent(box.name(), box) != null) {
            throw new IllegalArgumentException("box declared twice: " + box.name());
        }
        return box;
    }

    /** Registers {@code link} under {@code name}; both its sites must be declared. */
    public WanLink addLink(String name, WanLink link) {
        requireSite(link.siteA());
        requireSite(link.siteB());
        if (links.putIfAbsent(name, link) != null) {
            throw new IllegalArgumentException("link declared twice: " + name);
        }
        return link;
    }

    private void requireSite(Site s) {
        if (!s.equals(sites.get(s.name()))) {
            throw new IllegalArgumentException("unknown site: " + s.name() + " (known: " + sites.keySet() + ")");
        }
    }

    public Site site(String name) {
        return find(sites, name, "site");
    }

    public Box box(String name) {
        return find(boxes, name, "box");
    }

    public WanLink link(String name) {
        return find(links, name, "link");
    }

    /** The first declared link joining the two sites (either way round). */
    public WanLink linkBetween(Site x, Site y) {
        for (WanLink l : links.values()) {
            if (l.siteA().equals(x) && l.siteB().equals(y) || l.siteA().equals(y) && l.siteB().equals(x)) {
                return l;
            }
        }
        throw new IllegalArgumentException("no link joins sites " + x.name() + " and " + y.name());
    }

    public Collection<Site> sites() {
        return Collections.unmodifiableCollection(sites.values());
    }

    public Collection<Box> boxes() {
        return Collections.unmodifiableCollection(boxes.values());
    }

    public Collection<WanLink> links() {
        return Collections.unmodifiableCollection(links.values());
    }

    private static <T> T find(Map<String, T> map, String name, String what) {
        T t = map.get(name);
        if (t == null) {
            throw new IllegalArgumentException("unknown " + what + ": " + name + " (known: " + map.keySet() + ")");
        }
        return t;
    }
}
