package nl.kennisveiligheid.screening.common;

/**
 * Describes a throwable for the log by its types and stack frames only. Messages are left out on
 * purpose: database and parser messages quote the offending values, which may be personal data.
 */
public final class SafeThrowable {

    private static final int FRAMES_PER_CAUSE = 12;

    private SafeThrowable() {}

    public static String describe(Throwable e) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = e; t != null && depth < 8; t = t.getCause() == t ? null : t.getCause(), depth++) {
            out.append(depth == 0 ? "" : "\n  caused by ").append(t.getClass().getName());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(frames.length, FRAMES_PER_CAUSE); i++) {
                out.append("\n    at ").append(frames[i]);
            }
        }
        return out.toString();
    }
}
