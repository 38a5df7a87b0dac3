package io.cial.vault.api;

/** Where a model credential comes from, in the order a turn looks: the user, the instance, the server's environment. */
public enum CredentialSource {
    USER("user"),
    INSTANCE("instance"),
    ENVIRONMENT("environment");

    private final String wire;

    CredentialSource(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static CredentialSource of(Scope scope) {
        return scope == Scope.USER ? USER : INSTANCE;
    }

    /** The stored tier of this source; the environment has none. */
    public Scope scope() {
        return switch (this) {
            case USER -> Scope.USER;
            case INSTANCE -> Scope.INSTANCE;
            case ENVIRONMENT -> throw new IllegalStateException("the environment is not a stored tier");
        };
    }
}
