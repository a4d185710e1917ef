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

    /** Every problem of the document, in the API's words. */
    public static List<FieldError> validate(PolicyDocument document) {
        return problems(document).stream().map(PolicyRule.Problem::asFieldError).toList();
    }

    /** Every problem of the document, by rule, for a reader who words it in another language. */
    public static List<PolicyRule.Problem> problems(PolicyDocument document) {
        List<PolicyRule.Problem> errors = new ArrayList<>();
        if (document.version() == null || !VERSION.matcher(document.version()).matches()
                || document.version().equals("current")) {
            errors.add(problem("version", PolicyRule.VERSION));
        }
        PolicyDocument d = document.withDefaults();
        checkCountries(errors, "exemptNationalities", d.exemptNationalities());
        Set<String> positions = new HashSet<>(Arrays.stream(PositionType.values()).map(Enum::name).toList());
        for (int i = 0; i < d.positionTypesInScope().size(); i++) {
            if (!positions.contains(d.positionTypesInScope().get(i))) {
                errors.add(problem("positionTypesInScope[" + i + "]", PolicyRule.ONE_OF, positions.stream().sorted().toList().toString()));
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
            errors.add(problem("matching.entityThreshold", PolicyRule.ENTITY_THRESHOLD));
        }
        if (review <= 0 || review > entity) {
            errors.add(problem("matching.reviewThreshold", PolicyRule.REVIEW_THRESHOLD));
        }
        checkAreas(errors, d.sensitiveAreas());
        checkEntities(errors, d.highRiskEntities());
        return errors;
    }

    /** Days equated with holidays: ISO dates the calendar covers, each once. */
    private static void checkHolidays(List<PolicyRule.Problem> errors, List<String> days) {
        if (days == null) {
            return;
        }
        if (days.size() > 500) {
            errors.add(problem("deadlines.extraHolidays", PolicyRule.TOO_MANY_HOLIDAYS, "500"));
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            String path = "deadlines.extraHolidays[" + i + "]";
            String day = days.get(i);
            try {
                if (day == null || !day.matches("\\d{4}-\\d{2}-\\d{2}") || java.time.LocalDate.parse(day).getYear() < 2014) {
                    errors.add(problem(path, PolicyRule.HOLIDAY_DATE));
                } else if (!seen.add(day)) {
                    errors.add(problem(path, PolicyRule.LISTED_TWICE));
                }
            } catch (java.time.format.DateTimeParseException e) {
                errors.add(problem(path, PolicyRule.HOLIDAY_DATE));
            }
        }
    }

    private static void checkAreas(List<PolicyRule.Problem> errors, List<PolicyDocument.Area> areas) {
        if (areas == null || areas.isEmpty()) {
            errors.add(problem("sensitiveAreas", PolicyRule.AREAS_REQUIRED));
            return;
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < areas.size(); i++) {
            String path = "sensitiveAreas[" + i + "]";
            PolicyDocument.Area area = areas.get(i);
            if (area == null) {
                errors.add(problem(path, PolicyRule.NOT_NULL));
                continue;
            }
            if (area.code() == null || !AREA_CODE.matcher(area.code()).matches()) {
                errors.add(problem(path + ".code", PolicyRule.AREA_CODE));
            } else if (!codes.add(area.code())) {
                errors.add(problem(path + ".code", PolicyRule.DUPLICATE_AREA_CODE, area.code()));
            }
            checkText(errors, path + ".name", area.name(), true);
            if (area.terms() == null || area.terms().isEmpty()) {
                errors.add(problem(path + ".terms", PolicyRule.TERMS_REQUIRED));
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
                        errors.add(problem(path + ".references[" + r + "]",
                                PolicyRule.UNKNOWN_REFERENCE));
                    }
                }
            }
        }
    }

    private static void checkEntities(List<PolicyRule.Problem> errors, List<PolicyDocument.Entity> entities) {
        if (entities == null) {
            errors.add(problem("highRiskEntities", PolicyRule.ENTITIES_REQUIRED));
            return;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < entities.size(); i++) {
            String path = "highRiskEntities[" + i + "]";
            PolicyDocument.Entity entity = entities.get(i);
            if (entity == null) {
                errors.add(problem(path, PolicyRule.NOT_NULL));
                continue;
            }
            if (entity.id() == null || !ENTITY_ID.matcher(entity.id()).matches()) {
                errors.add(problem(path + ".id", PolicyRule.ENTITY_ID));
            } else if (!ids.add(entity.id())) {
                errors.add(problem(path + ".id", PolicyRule.DUPLICATE_ENTITY_ID, entity.id()));
            }
            checkText(errors, path + ".name", entity.name(), true);
            if (entity.aliases() != null) {
                checkTexts(errors, path + ".aliases", entity.aliases());
            }
            if (!CountryCode.Validator.isAssigned(entity.country())) {
                errors.add(problem(path + ".country", PolicyRule.COUNTRY_REQUIRED));
            }
            checkText(errors, path + ".category", entity.category(), true);
            if (entity.riskLevel() == null || !RISK_LEVELS.contains(entity.riskLevel())) {
                errors.add(problem(path + ".riskLevel", PolicyRule.ONE_OF, RISK_LEVELS.stream().sorted().toList().toString()));
            }
            checkText(errors, path + ".source", entity.source(), false);
        }
    }

    private static void checkCountries(List<PolicyRule.Problem> errors, String path, List<String> codes) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            if (!CountryCode.Validator.isAssigned(code)) {
                errors.add(problem(path + "[" + i + "]", PolicyRule.COUNTRY));
            } else if (!seen.add(code)) {
                errors.add(problem(path + "[" + i + "]", PolicyRule.DUPLICATE_COUNTRY, code));
            }
        }
    }

    private static void checkTexts(List<PolicyRule.Problem> errors, String path, List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            checkText(errors, path + "[" + i + "]", texts.get(i), true);
        }
    }

    private static void checkText(List<PolicyRule.Problem> errors, String path, String text, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                errors.add(problem(path, PolicyRule.TEXT_REQUIRED));
            }
        } else if (text.length() > MAX_TEXT) {
            errors.add(problem(path, PolicyRule.TEXT_TOO_LONG, Integer.toString(MAX_TEXT)));
        }
    }

    private static void checkRange(List<PolicyRule.Problem> errors, String path, int value, int min, int max) {
        if (value < min || value > max) {
            errors.add(problem(path, PolicyRule.RANGE, Integer.toString(min), Integer.toString(max)));
        }
    }

    private static PolicyRule.Problem problem(String path, PolicyRule rule, String... values) {
        return new PolicyRule.Problem(path, rule, List.of(values));
    }
}
