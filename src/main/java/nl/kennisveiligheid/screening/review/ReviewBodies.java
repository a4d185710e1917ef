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
}
