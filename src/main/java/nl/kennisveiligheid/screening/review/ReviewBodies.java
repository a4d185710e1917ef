package nl.kennisveiligheid.screening.review;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import nl.kennisveiligheid.screening.common.PlainText;

/** The bodies of the legal officers' actions (DESIGN.md section 6); field names are a contract. */
public final class ReviewBodies {

    private ReviewBodies() {}

    public record DecisionBody(
            @NotNull @Pattern(regexp = "APPROVED|APPROVED_WITH_CONDITIONS|REFUSED",
                    message = "must be one of APPROVED, APPROVED_WITH_CONDITIONS, REFUSED") String outcome,
            @NotBlank @Size(max = 10_000) @PlainText String reasoning,
            @Size(max = 20) List<@NotBlank @Size(max = 1000) @PlainText String> conditions) {

        public DecisionBody {
            conditions = conditions == null ? List.of() : conditions;
        }
    }

    public record ConfirmationBody(@NotNull Boolean agree, @NotBlank @Size(max = 10_000) @PlainText String reasoning) {}

    public record ExtensionBody(@NotBlank @Size(max = 2000) @PlainText String reason) {}

    /**
     * A question to the institution; {@code replyBy} (YYYY-MM-DD) is required: without a date the
     * request would not suspend the period (Awb 4:15(1)(a)).
     */
    public record InformationRequestBody(@NotBlank @Size(max = 10_000) @PlainText String question,
            @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date as YYYY-MM-DD") String replyBy) {

        public java.time.LocalDate replyByDate() {
            try {
                return java.time.LocalDate.parse(replyBy);
            } catch (java.time.format.DateTimeParseException e) {
                throw new nl.kennisveiligheid.screening.common.InvalidInputException("replyBy", "must be a date as YYYY-MM-DD");
            }
        }
    }

    /** Why a late objection is excusable (Awb 6:11). */
    public record AdmissionBody(@NotBlank @Size(max = 2000) @PlainText String reason) {}

    /** The officer's user name, or null to give the case back to the queue, and why. */
    public record ReassignmentBody(@Size(min = 1, max = 200) @Pattern(regexp = "[A-Za-z0-9._@-]+",
            message = "must be a user name: letters, digits and . _ @ -") String assignee,
            @NotBlank @Size(max = 2000) @PlainText String reason) {}
}
