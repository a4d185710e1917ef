package nl.kennisveiligheid.screening.judgements;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import nl.kennisveiligheid.screening.common.PlainText;

/** The bodies of the judgement endpoints; the field names are a contract. */
public final class JudgementBodies {

    private JudgementBodies() {}

    /**
     * @param validUntil the last day the judgement holds (YYYY-MM-DD), at most the policy's
     *     {@code judgements.maxMonths} ahead
     */
    public record JudgementProposal(
            @NotNull @Pattern(regexp = "NOT_THIS_ENTITY", message = "must be NOT_THIS_ENTITY") String verdict,
            @NotBlank @Size(max = 10_000) @PlainText String reasoning,
            @NotNull @Pattern(regexp = "INSTITUTION|ALL", message = "must be INSTITUTION or ALL") String scope,
            @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date as YYYY-MM-DD") String validUntil) {}

    public record JudgementConfirmation(@NotNull Boolean agree, @NotBlank @Size(max = 10_000) @PlainText String reasoning) {}

    public record JudgementRevocation(@NotBlank @Size(max = 10_000) @PlainText String reasoning) {}
}
