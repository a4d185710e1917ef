package nl.kennisveiligheid.screening.intake;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Past;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import nl.kennisveiligheid.screening.common.CountryCode;
import nl.kennisveiligheid.screening.common.PlainText;
import nl.kennisveiligheid.screening.common.PositionType;

/** A screening request as an HR system posts it (DESIGN.md section 6); the field names are a contract. */
public record ScreeningRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._:/-]*",
                message = "letters, digits and . _ : / - only, starting with a letter or digit") String externalReference,
        @NotNull @Valid Candidate candidate,
        @NotNull @Valid Position position,
        @NotNull @Valid Research research,
        @Size(max = 30) List<@NotNull @Valid Affiliation> affiliations,
        @Size(max = 30) List<@NotNull @Valid Funding> funding) {

    public ScreeningRequest {
        affiliations = affiliations == null ? List.of() : affiliations;
        funding = funding == null ? List.of() : funding;
    }

    public record Candidate(
            @NotBlank @Size(max = 200) @PlainText String fullName,
            @Size(max = 200) @PlainText String nativeName,
            @NotNull @Past LocalDate dateOfBirth,
            @NotEmpty @Size(max = 5) List<@NotNull @CountryCode String> nationalities,
            @CountryCode String countryOfResidence) {}

    public record Position(
            @NotNull PositionType type,
            @Size(max = 200) @PlainText String title,
            @Size(max = 200) @PlainText String department,
            @NotNull LocalDate startDate,
            LocalDate endDate) {}

    public record Research(
            @Size(max = 20) List<@NotNull @Pattern(regexp = "[A-Z][A-Z0-9_]{1,39}",
                    message = "must be an area code of the policy") String> areaCodes,
            @NotBlank @Size(max = 5000) @PlainText String description,
            @Size(max = 30) List<@NotBlank @Size(max = 200) @PlainText String> keywords) {

        public Research {
            areaCodes = areaCodes == null ? List.of() : areaCodes;
            keywords = keywords == null ? List.of() : keywords;
        }
    }

    /** Kinds of earlier affiliation, as CVs list them. */
    public enum AffiliationType { EDUCATION, EMPLOYMENT, VISITING_POSITION, OTHER }

    public record Affiliation(
            @NotBlank @Size(max = 300) @PlainText String name,
            @CountryCode String country,
            AffiliationType type,
            LocalDate from,
            LocalDate to) {}

    public record Funding(
            @NotBlank @Size(max = 300) @PlainText String funder,
            @CountryCode String country) {}
}
