package org.repsim.scenario.spec;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How scenario keys relate to the spec records: a component's key is its {@link Key} or its
 * name without the unit suffix ({@code durationNs} → {@code duration}).
 */
public final class Keys {

    private static final String[] UNIT_SUFFIXES = {"Ns", "Bytes", "Bps", "PerSec", "M"};

    private Keys() {
    }

    public static String key(RecordComponent component) {
        Key key = component.getAnnotation(Key.class);
        if (key != null) {
            return key.value();
        }
        String name = component.getName();
        if (component.getAnnotation(Quantity.class) != null) {
            for (String suffix : UNIT_SUFFIXES) {
                if (name.endsWith(suffix) && name.length() > suffix.length()) {
                    return name.substring(0, name.length() - suffix.length());
                }
            }
        }
        return name;
    }

    /** Components of a record by scenario key, in declaration order. */
    public static Map<String, RecordComponent> components(Class<?> recordType) {
        Map<String, RecordComponent> map = new LinkedHashMap<>();
        for (RecordComponent c : recordType.getRecordComponents()) {
            map.put(key(c), c);
        }
        return map;
    }

    /** True for a sealed interface whose variants are chosen by a discriminator key. */
    public static boolean isVariantFamily(Class<?> type) {
        return type.isInterface() && type.isSealed() && type.getAnnotation(Discriminator.class) != null;
    }

    /** Variant records of a sealed family by discriminator value, in permits order. */
    public static Map<String, Class<?>> variants(Class<?> family) {
        Map<String, Class<?>> map = new LinkedHashMap<>();
        for (Class<?> v : family.getPermittedSubclasses()) {
            map.put(v.getAnnotation(Variant.class).value(), v);
        }
        return map;
    }

    public static String discriminator(Class<?> family) {
        return family.getAnnotation(Discriminator.class).value();
    }

    /** The variant a plain scalar stands for, or null. */
    public static Class<?> shorthand(Class<?> family) {
        for (Class<?> v : family.getPermittedSubclasses()) {
            if (v.getAnnotation(Shorthand.class) != null) {
                return v;
            }
        }
        return null;
    }

    public static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return (Class<?>) ((ParameterizedType) type).getRawType();
    }

    /** The i-th type argument of a parameterised type (List element, Map value). */
    public static Type argument(Type type, int i) {
        return ((ParameterizedType) type).getActualTypeArguments()[i];
    }

    /** Every key a record (or, for a family, any of its variants) accepts, for suggestions. */
    public static List<String> acceptedKeys(Class<?> type) {
        List<String> keys = new ArrayList<>();
        if (isVariantFamily(type)) {
            keys.add(discriminator(type));
            for (Class<?> v : variants(type).values()) {
                for (String k : components(v).keySet()) {
                    if (!keys.contains(k)) {
                        keys.add(k);
                    }
                }
            }
        } else {
            keys.addAll(components(type).keySet());
        }
        return keys;
    }

    /** Closest candidate within a small edit distance, or null. */
    public static String suggest(String given, Iterable<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(given.toLowerCase(java.util.Locale.ROOT), c.toLowerCase(java.util.Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        int allowed = Math.max(1, Math.min(3, given.length() / 3));
        // a suggestion must keep part of what was typed: "b" is not a typo of "a"
        return best != null && bestDistance <= allowed && bestDistance < Math.min(given.length(), best.length()) ? best : null;
    }

    /** " (did you mean 'x'?)" or "". */
    public static String didYouMean(String given, Iterable<String> candidates) {
        String s = suggest(given, candidates);
        return s == null ? "" : " (did you mean '" + s + "'?)";
    }

    /** Edit distance counting insertions, deletions, substitutions and adjacent transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
