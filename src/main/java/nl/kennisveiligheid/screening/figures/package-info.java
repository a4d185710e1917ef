/**
 * The figures a head of unit reports upward (cases received, outcomes, time to decision, late
 * decisions, flag rates, re-screening alerts), per week or per month: counted by SQL in
 * {@link nl.kennisveiligheid.screening.figures.FigureQueries}, laid out as charts by pure code
 * ({@link nl.kennisveiligheid.screening.figures.ChartLayout}) and written as CSV by
 * {@link nl.kennisveiligheid.screening.figures.FigureCsv}, all from one {@link nl.kennisveiligheid.screening.figures.Figure}
 * so that the chart, its table and its download cannot disagree.
 */
package nl.kennisveiligheid.screening.figures;
