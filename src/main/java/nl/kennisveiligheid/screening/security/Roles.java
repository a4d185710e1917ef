package nl.kennisveiligheid.screening.security;

/** The realm roles of the 'screening' realm (DESIGN.md section 9); the names are a contract. */
public final class Roles {

    public static final String HR_SYSTEM = "hr-system";
    public static final String LEGAL_OFFICER = "legal-officer";
    public static final String AUDITOR = "auditor";
    public static final String POLICY_ADMIN = "policy-admin";
    /** A team lead of the legal officers: moves cases between them and extends deadlines, never decides. */
    public static final String REVIEW_LEAD = "review-lead";
    /** Answers data subjects: finds a person's cases, exports them (GDPR art. 15), erases early (art. 17). */
    public static final String PRIVACY_OFFICER = "privacy-officer";

    private Roles() {}
}
