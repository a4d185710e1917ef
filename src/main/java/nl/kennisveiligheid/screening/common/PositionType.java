package nl.kennisveiligheid.screening.common;

/** The position types of DESIGN.md section 6; which are in scope is policy. */
public enum PositionType {
    MASTER_STUDENT, PHD_CANDIDATE, POSTDOC, RESEARCHER, PROFESSOR, GUEST_RESEARCHER, TECHNICAL_STAFF, BACHELOR_STUDENT
}
