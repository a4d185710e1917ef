package nl.kennisveiligheid.screening.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import nl.kennisveiligheid.screening.common.CountryCode;
import nl.kennisveiligheid.screening.common.PositionType;
import nl.kennisveiligheid.screening.common.Problem.FieldError;

/**
 * Checks a policy document before it is stored, naming the path of every problem, so that a
 * typo never passes silently into a binding decision.
 */
public final class PolicyValidator {

    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,39}");
    private static final Pattern AREA_CODE = Pattern.compile("[A-Z][A-Z0-9_]{1,39}");
    private static final Pattern ENTITY_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    /** EU Recommendation C(2023) 6689 areas 1-10 and the dual-use Regulation 2021/821 Annex I categories 0-9. */
    private static final Pattern REFERENCE = Pattern.compile("EU-CT-2023:([1-9]|10)(\\.[0-9]{1,2})?|EU-DU:[0-9]([A-E][0-9]{0,3})?");
    private static final Set<String> RISK_LEVELS = Set.of("LOW", "MEDIUM", "HIGH", "VERY_HIGH");
    private static final int MAX_TEXT = 300;

    private PolicyValidator() {}

    public static List<FieldError> validate(PolicyDocument document) {
        List<FieldError> errors = new ArrayList<>();
        if (document.version() == null || !VERSION.matcher(document.version()).matches()
                || document.version().equals("current")) {
            errors.add(new FieldError("version", "required: 1-40 letters, digits, '.', '_' or '-', and not 'current'"));
        }
        PolicyDocument d = document.withDefaults();
        checkCountries(errors, "exemptNationalities", d.exemptNationalities());
        Set<String> positions = new HashSet<>(Arrays.stream(PositionType.values()).map(Enum::name).toList());
        for (int i = 0; i < d.positionTypesInScope().size(); i++) {
            if (!positions.contains(d.positionTypesInScope().get(i))) {
                errors.add(new FieldError("positionTypesInScope[" + i + "]", "must be one of " + positions.stream().sorted().toList()));
            }
        }
        checkRange(errors, "deadlines.decisionWeeks", d.deadlines().decisionWeeks(), 1, 52);
        checkRange(errors, "deadlines.extensionWeeks", d.deadlines().extensionWeeks(), 1, 52);
        checkRange(errors, "deadlines.objectionPeriodWeeks", d.deadlines().objectionPeriodWeeks(), 1, 52);
        checkRange(errors, "deadlines.objectionDecisionWeeks", d.deadlines().objectionDecisionWeeks(), 1, 52);
        checkHolidays(errors, d.deadlines().extraHolidays());
        checkRange(errors, "retention.personalDataYears", d.retention().personalDataYears(), 1, 100);
        checkRange(errors, "retention.decidedYears", d.retention().decidedYears(), 1, 100);
        checkRange(errors, "retention.refusedYears", d.retention().refusedYears(), 1, 100);
        checkRange(errors, "retention.withdrawnYears", d.retention().withdrawnYears(), 1, 100);
        checkRange(errors, "rescreening.lookBackMonths", d.lookBackMonths(), 1, 120);
        checkRange(errors, "judgements.maxMonths", d.judgementMaxMonths(), 1, 60);
        double entity = d.matching().entityThreshold();
        double review = d.matching().reviewThreshold();
        if (entity <= 0 || entity > 1) {
            errors.add(new FieldError("matching.entityThreshold", "must be greater than 0 and at most 1"));
        }
        if (review <= 0 || review > entity) {
            errors.add(new FieldError("matching.reviewThreshold", "must be greater than 0 and at most entityThreshold"));
        }
        checkAreas(errors, d.sensitiveAreas());
        checkEntities(errors, d.highRiskEntities());
        return errors;
    }

    /** Days equated with holidays: ISO dates the calendar covers, each once. */
    private static void checkHolidays(List<FieldError> errors, List<String> days) {
        if (days == null) {
            return;
        }
        if (days.size() > 500) {
            errors.add(new FieldError("deadlines.extraHolidays", "at most 500 days"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            String path = "deadlines.extraHolidays[" + i + "]";
            String day = days.get(i);
            try {
                if (day == null || !day.matches("\\d{4}-\\d{2}-\\d{2}") || java.time.LocalDate.parse(day).getYear() < 2014) {
                    errors.add(new FieldError(path, "must be a date as YYYY-MM-DD, in 2014 or later"));
                } else if (!seen.add(day)) {
                    errors.add(new FieldError(path, "is listed twice"));
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(new FieldError(path, "must be a date as YYYY-MM-DD, in 2014 or later"));
            }
        }
    }

    private static void checkAreas(List<FieldError> errors, List<PolicyDocument.Area> areas) {
        if (areas == null || areas.isEmpty()) {
            errors.add(new FieldError("sensitiveAreas", "required: at least one area"));
            return;
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < areas.size(); i++) {
            String path = "sensitiveAreas[" + i + "]";
            PolicyDocument.Area area = areas.get(i);
            if (area == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            if (area.code() == null || !AREA_CODE.matcher(area.code()).matches()) {
                errors.add(new FieldError(path + ".code", "required: upper-case letters, digits and '_', starting with a letter"));
            } else if (!codes.add(area.code())) {
                errors.add(new FieldError(path + ".code", "duplicate area code " + area.code()));
            }
            checkText(errors, path + ".name", area.name(), true);
            if (area.terms() == null || area.terms().isEmpty()) {
                errors.add(new FieldError(path + ".terms", "required: at least one term"));
            } else {
                checkTexts(errors, path + ".terms", area.terms());
            }
            if (area.excludeTerms() != null) {
                checkTexts(errors, path + ".excludeTerms", area.excludeTerms());
            }
            if (area.references() != null) {
                for (int r = 0; r < area.references().size(); r++) {
                    String reference = area.references().get(r);
                    if (reference == null || !REFERENCE.matcher(reference).matches()) {
                        errors.add(new FieldError(path + ".references[" + r + "]",
                                "unknown reference: use EU-CT-2023:<area 1-10> or EU-DU:<category 0-9>"));
                    }
                }
            }
        }
    }

    private static void checkEntities(List<FieldError> errors, List<PolicyDocument.Entity> entities) {
        if (entities == null) {
            errors.add(new FieldError("highRiskEntities", "required (may be an empty list)"));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entities.size(); i++) {
            String path = "highRiskEntities[" + i + "]";
            PolicyDocument.Entity entity = entities.get(i);
            if (entity == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            if (entity.id() == null || !ENTITY_ID.matcher(entity.id()).matches()) {
                errors.add(new FieldError(path + ".id", "required: lower-case letters, digits, '_' or '-'"));
            } else if (!ids.add(entity.id())) {
                errors.add(new FieldError(path + ".id", "duplicate entity id " + entity.id()));
            }
            checkText(errors, path + ".name", entity.name(), true);
            if (entity.aliases() != null) {
                checkTexts(errors, path + ".aliases", entity.aliases());
            }
            if (!CountryCode.Validator.isAssigned(entity.country())) {
                errors.add(new FieldError(path + ".country", "required: an ISO 3166-1 alpha-2 country code in upper case"));
            }
            checkText(errors, path + ".category", entity.category(), true);
            if (entity.riskLevel() == null || !RISK_LEVELS.contains(entity.riskLevel())) {
                errors.add(new FieldError(path + ".riskLevel", "must be one of " + RISK_LEVELS.stream().sorted().toList()));
            }
            checkText(errors, path + ".source", entity.source(), false);
        }
    }

    private static void checkCountries(List<FieldError> errors, String path, List<String> codes) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            if (!CountryCode.Validator.isAssigned(code)) {
                errors.add(new FieldError(path + "[" + i + "]", "must be an ISO 3166-1 alpha-2 country code in upper case"));
            } else if (!seen.add(code)) {
                errors.add(new FieldError(path + "[" + i + "]", "duplicate country code " + code));
            }
        }
    }

    private static void checkTexts(List<FieldError> errors, String path, List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            checkText(errors, path + "[" + i + "]", texts.get(i), true);
        }
    }

    private static void checkText(List<FieldError> errors, String path, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.add(new FieldError(path, "required: a non-blank text"));
            }
        } else if (text.length() > MAX_TEXT) {
            errors.add(new FieldError(path, "at most " + MAX_TEXT + " characters"));
        }
    }

    private static void checkRange(List<FieldError> errors, String path, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(new FieldError(path, "must be between " + min + " and " + max));
        }
    }
}
