package io.chatprivacy.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo credentials, as written to {@code <dataDir>/demo-credentials.env}. The account fields and the owner and agent
 * tokens are null when there is no demo account (request-service not started, or its {@code POST /accounts} missing).
 *
 * @param accountId the demo account's id
 * @param widgetKey the demo account's widget key
 * @param ownerToken groups [owner], account_id = the demo account, 30 days
 * @param agentToken groups [agent], account_id = the demo account, 30 days
 * @param adminToken groups [admin], no account_id, 1 hour
 * @param platformToken groups [platform], account_id = the demo account, 30 days (the chat platform's identity)
 */
public record DemoCredentials(
        String accountId,
        String widgetKey,
        String ownerToken,
        String agentToken,
        String adminToken,
        String platformToken) {

    /** The variables of {@link #toEnv()}, in order. */
    public static final List<String> NAMES =
            List.of("ACCOUNT_ID", "OWNER_TOKEN", "AGENT_TOKEN", "ADMIN_TOKEN", "PLATFORM_TOKEN", "WIDGET_KEY");

    /** Shell-sourceable {@code NAME=value} lines: secrets, for the owner-readable file only. */
    public String toEnv() {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> in =
                java.util.Arrays.asList(accountId, ownerToken, agentToken, adminToken, platformToken, widgetKey);
        for (int i = 0; i < NAMES.size(); i++) {
            values.put(NAMES.get(i), in.get(i));
        }
        StringBuilder env = new StringBuilder();
        values.forEach((k, v) ->
                env.append(k).append('=').append(DemoAccount.shellQuote(v)).append('\n'));
        return env.toString();
    }
}
