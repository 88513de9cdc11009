package io.chatprivacy.stack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sign-in credentials of the stack's OpenID Connect provider ({@link Keycloak}), new at every start and written to
 * {@code <dataDir>/demo-credentials.env} after the {@link DemoCredentials}.
 *
 * @param issuer the realm's issuer ({@code OIDC_ISSUER_URL}); its discovery document is {@code
 *     <issuer>/.well-known/openid-configuration}
 * @param consoleSecret the confidential {@code console} client's secret (authorization-code flow)
 * @param ownerPassword password of {@code owner@demo.example} (role owner of the demo account)
 * @param agentPassword password of {@code agent@demo.example} (role agent of the demo account)
 * @param adminPassword password of Keycloak's {@code admin} (master realm, admin console)
 */
public record SignIn(
        String issuer, String consoleSecret, String ownerPassword, String agentPassword, String adminPassword) {

    /** The variables of {@link #toEnv()}, in order. */
    public static final List<String> NAMES = List.of(
            "OIDC_ISSUER_URL",
            "CONSOLE_CLIENT_ID",
            "CONSOLE_CLIENT_SECRET",
            "CLI_CLIENT_ID",
            "OWNER_USERNAME",
            "OWNER_PASSWORD",
            "AGENT_USERNAME",
            "AGENT_PASSWORD",
            "KEYCLOAK_ADMIN_PASSWORD");

    public String ownerUsername() {
        return DemoAccount.OWNER_EMAIL;
    }

    public String agentUsername() {
        return DemoAccount.AGENT_EMAIL;
    }

    /** Shell-sourceable {@code NAME=value} lines: secrets, for the owner-readable file only. */
    public String toEnv() {
        List<String> values = List.of(
                issuer,
                Keycloak.CONSOLE_CLIENT,
                consoleSecret,
                Keycloak.CLI_CLIENT,
                DemoAccount.OWNER_EMAIL,
                ownerPassword,
                DemoAccount.AGENT_EMAIL,
                agentPassword,
                adminPassword);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < NAMES.size(); i++) {
            env.put(NAMES.get(i), values.get(i));
        }
        StringBuilder s = new StringBuilder();
        env.forEach((k, v) ->
                s.append(k).append('=').append(DemoAccount.shellQuote(v)).append('\n'));
        return s.toString();
    }
}
