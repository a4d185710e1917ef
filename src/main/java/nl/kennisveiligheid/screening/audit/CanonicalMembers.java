package nl.kennisveiligheid.screening.audit;

import java.util.SortedMap;

/**
 * Puts members into an RFC 8785 canonical JSON object without canonicalising it again. Canonical
 * JSON has no white space and its members sorted by the UTF-16 code units of their names, so a new
 * member belongs right before the first top-level name that sorts after it. Pure.
 */
final class CanonicalMembers {

    private CanonicalMembers() {}

    /**
     * @param canonicalObject an object in canonical form that has none of the new names
     * @param members names and string values made only of printable ASCII without quote or backslash
     *     (hex hashes and base64url signatures), which canonical form writes as they are
     */
    static String insert(String canonicalObject, SortedMap<String, String> members) {
        if (canonicalObject.isEmpty() || canonicalObject.charAt(0) != '{') {
            throw new IllegalArgumentException("not a canonical JSON object");
        }
        StringBuilder out = new StringBuilder(canonicalObject.length() + 160);
        var pending = members.entrySet().iterator();
        var next = pending.hasNext() ? pending.next() : null;
        boolean empty = canonicalObject.equals("{}");
        int depth = 0;
        boolean inString = false;
        int i = 0;
        while (i < canonicalObject.length()) {
            char ch = canonicalObject.charAt(i);
            if (inString) {
                out.append(ch);
                if (ch == '\\') {
                    out.append(canonicalObject.charAt(++i));
                } else if (ch == '"') {
                    inString = false;
                }
                i++;
                continue;
            }
            boolean memberStart = depth == 1 && ch == '"' && isNameStart(canonicalObject, i);
            if (memberStart) {
                String name = name(canonicalObject, i);
                while (next != null && next.getKey().compareTo(name) < 0) {
                    out.append(member(next.getKey(), next.getValue())).append(',');
                    next = pending.hasNext() ? pending.next() : null;
                }
            }
            if (depth == 1 && ch == '}' && next != null) {
                // The remaining members sort after every existing name: append them at the end.
                while (next != null) {
                    out.append(empty ? "" : ",").append(member(next.getKey(), next.getValue()));
                    empty = false;
                    next = pending.hasNext() ? pending.next() : null;
                }
            }
            if (ch == '"') {
                inString = true;
            } else if (ch == '{' || ch == '[') {
                depth++;
            } else if (ch == '}' || ch == ']') {
                depth--;
            }
            out.append(ch);
            i++;
        }
        return out.toString();
    }

    /** A top-level string starts a member name when it follows the opening brace or a comma. */
    private static boolean isNameStart(String json, int quote) {
        char before = json.charAt(quote - 1);
        return before == '{' || before == ',';
    }

    /** The name that starts at {@code quote}, unescaped (canonical form escapes only what it must). */
    private static String name(String json, int quote) {
        StringBuilder name = new StringBuilder();
        for (int i = quote + 1; ; i++) {
            char ch = json.charAt(i);
            if (ch == '"') {
                return name.toString();
            }
            if (ch == '\\') {
                char escaped = json.charAt(++i);
                switch (escaped) {
                    case 'b' -> name.append('\b');
                    case 'f' -> name.append('\f');
                    case 'n' -> name.append('\n');
                    case 'r' -> name.append('\r');
                    case 't' -> name.append('\t');
                    case 'u' -> {
                        name.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                        i += 4;
                    }
                    default -> name.append(escaped);
                }
            } else {
                name.append(ch);
            }
        }
    }

    private static String member(String name, String value) {
        for (String text : new String[] {name, value}) {
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (ch < 0x20 || ch > 0x7e || ch == '"' || ch == '\\') {
                    throw new IllegalArgumentException("member text needs escaping");
                }
            }
        }
        return '"' + name + "\":\"" + value + '"';
    }
}
