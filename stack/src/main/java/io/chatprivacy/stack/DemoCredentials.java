package io.chatprivacy.stack;

import java.util.LinkedHashMap;
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

    /** Shell-sourceable {@code NAME=value} lines. */
    public String toEnv() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("ACCOUNT_ID", accountId);
        values.put("OWNER_TOKEN", ownerToken);
        values.put("AGENT_TOKEN", agentToken);
        values.put("ADMIN_TOKEN", adminToken);
        values.put("PLATFORM_TOKEN", platformToken);
        values.put("WIDGET_KEY", widgetKey);
        StringBuilder env = new StringBuilder();
        values.forEach((k, v) ->
                env.append(k).append('=').append(DemoAccount.shellQuote(v)).append('\n'));
        return env.toString();
    }
}
