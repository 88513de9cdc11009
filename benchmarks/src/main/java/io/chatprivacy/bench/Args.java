package io.chatprivacy.bench;

import java.util.HashMap;
import java.util.Map;

/** The benchmarks' command lines: {@code --name=value} options, each one its usage text names. */
public final class Args {

    private Args() {}

    /**
     * The options by name. {@code -h}/{@code --help} prints the usage and exits; anything that is not a
     * {@code --name=value} option, or names an option the usage does not show as {@code --name=}, is
     * refused with the usage (a misspelt option must not silently leave its default in place).
     */
    public static Map<String, String> parse(String[] args, String usage) {
        Map<String, String> values = new HashMap<>();
        for (String arg : args) {
            if (arg.equals("-h") || arg.equals("--help")) {
                System.out.println(usage);
                System.exit(0);
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + usage);
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!usage.contains("--" + name + "=")) {
                throw new IllegalArgumentException("unknown option --" + name + "\n" + usage);
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        return values;
    }
}
