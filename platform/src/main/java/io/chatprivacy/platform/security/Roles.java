package io.chatprivacy.platform.security;

/** The roles a bearer token's {@code groups} claim may carry. */
public final class Roles {

    /** An agent of one account: opens and follows rights requests. */
    public static final String AGENT = "agent";
    /** The owner of one account: everything an agent may do, plus authorising deletions and declines. */
    public static final String OWNER = "owner";
    /** The operator of the system: registers accounts; no access to any account's data. */
    public static final String ADMIN = "admin";
    /** The chat platform's machine identity for one account: streams chats, asks the consent gate. */
    public static final String PLATFORM = "platform";

    /** The claim that names the account a token acts for. */
    public static final String ACCOUNT_CLAIM = "account_id";

    private Roles() {}
}
