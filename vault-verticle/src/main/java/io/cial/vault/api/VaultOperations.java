package io.cial.vault.api;

/**
 * The operationIds of the contract fragment {@code openapi/vault.yaml} that the vault serves; each is the action header
 * the gateway forwards with. Agent tokens may call the reading operations; every change, and {@link #GET_TOOL_CONFIG},
 * needs the manage gate ({@code manage_required}, 403).
 */
public final class VaultOperations {

    public static final String LIST_TOOLS = "listTools";
    public static final String CREATE_TOOL = "createTool";
    public static final String GET_TOOL = "getTool";
    public static final String UPDATE_TOOL = "updateTool";
    public static final String DELETE_TOOL = "deleteTool";
    public static final String ENABLE_TOOL = "enableTool";
    public static final String DISABLE_TOOL = "disableTool";
    /** The one unmasked view of a tool. */
    public static final String GET_TOOL_CONFIG = "getToolConfig";

    public static final String GET_SESSION_TOOLS = "getSessionTools";
    public static final String SET_SESSION_TOOLS = "setSessionTools";

    public static final String LIST_ACCOUNTS = "listAccounts";
    public static final String SET_ACCOUNT = "setAccount";
    public static final String REMOVE_ACCOUNT = "removeAccount";
    public static final String START_ACCOUNT_OAUTH = "startAccountOAuth";
    public static final String COMPLETE_ACCOUNT_OAUTH = "completeAccountOAuth";
    public static final String REFRESH_ACCOUNT_OAUTH = "refreshAccountOAuth";

    private VaultOperations() {}
}
