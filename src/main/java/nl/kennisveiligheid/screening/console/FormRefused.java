package nl.kennisveiligheid.screening.console;

/**
 * A state-changing console request that no page of this session sent: it is not a form, or its
 * token is missing or belongs to another session. The officer sees a page that says so, and nothing
 * changes.
 */
public final class FormRefused extends RuntimeException {

    private final int status;

    FormRefused(int status) {
        super(null, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
