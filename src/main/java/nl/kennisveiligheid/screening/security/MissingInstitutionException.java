package nl.kennisveiligheid.screening.security;

/** An HR-system token without an institution claim: a misconfigured client, refused with 403. */
public class MissingInstitutionException extends RuntimeException {

    public MissingInstitutionException() {
        super("token has no institution claim", null, false, false);
    }
}
