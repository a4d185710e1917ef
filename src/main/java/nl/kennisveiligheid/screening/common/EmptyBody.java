package nl.kennisveiligheid.screening.common;

/**
 * The body of an action that needs no input ({@code {}}): taking a case, giving it back, withdrawing.
 * A record, so that an unknown field in it is refused like anywhere else.
 */
public record EmptyBody() {}
