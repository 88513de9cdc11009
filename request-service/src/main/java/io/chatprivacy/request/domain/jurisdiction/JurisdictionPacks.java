package io.chatprivacy.request.domain.jurisdiction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The jurisdiction packs the service knows, read once at start-up from {@code jurisdictions/<code>.json} and
 * checked: a pack that cannot be read, has an unknown field (a typo), or breaks a rule of {@link
 * JurisdictionPack#problems} stops the start with {@link InvalidJurisdictionPackException} naming the file and
 * every fault; so does a default jurisdiction that has no pack.
 */
public final class JurisdictionPacks {

    /** Where the packs live on the class path. */
    public static final String DIRECTORY = "jurisdictions/";

    private final Map<String, JurisdictionPack> packs;
    private final String defaultCode;

    private JurisdictionPacks(Map<String, JurisdictionPack> packs, String defaultCode) {
        this.packs = Collections.unmodifiableMap(packs);
        this.defaultCode = defaultCode;
    }

    /**
     * Reads and checks the packs of {@code codes}, each from {@code open.apply("jurisdictions/<code>.json")}
     * (null when there is no such file).
     *
     * @throws InvalidJurisdictionPackException naming the file and what is wrong with it
     */
    public static JurisdictionPacks load(
            ObjectMapper mapper, Collection<String> codes, String defaultCode, Function<String, InputStream> open) {
        ObjectMapper strict = mapper.copy()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        Map<String, JurisdictionPack> packs = new LinkedHashMap<>();
        for (String raw : codes) {
            String code = raw.strip().toUpperCase(Locale.ROOT);
            String file = DIRECTORY + code + ".json";
            JurisdictionPack pack;
            try (InputStream in = open.apply(file)) {
                if (in == null) {
                    throw new InvalidJurisdictionPackException(file, List.of("no such file on the class path"));
                }
                pack = strict.readValue(in, JurisdictionPack.class);
            } catch (JsonProcessingException e) {
                throw new InvalidJurisdictionPackException(file, List.of(e.getOriginalMessage()));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
            if (pack == null) {
                throw new InvalidJurisdictionPackException(file, List.of("the file is empty"));
            }
            List<String> problems = pack.problems(code);
            if (!problems.isEmpty()) {
                throw new InvalidJurisdictionPackException(file, problems);
            }
            packs.put(code, pack);
        }
        String fallback = defaultCode == null ? "" : defaultCode.strip().toUpperCase(Locale.ROOT);
        if (!packs.containsKey(fallback)) {
            throw new InvalidJurisdictionPackException(
                    "request.default-jurisdiction",
                    List.of("the default jurisdiction " + defaultCode + " has no pack; packs: " + packs.keySet()));
        }
        return new JurisdictionPacks(packs, fallback);
    }

    /** Reads the packs of {@code codes} from the class path. */
    public static JurisdictionPacks fromClassPath(ObjectMapper mapper, Collection<String> codes, String defaultCode) {
        ClassLoader loader = JurisdictionPacks.class.getClassLoader();
        return load(mapper, codes, defaultCode, loader::getResourceAsStream);
    }

    /** The pack of {@code code} (any case), if there is one. */
    public Optional<JurisdictionPack> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(packs.get(code.toUpperCase(Locale.ROOT)));
    }

    /** The pack of a request's jurisdiction; the default one for a request stored without (none are). */
    public JurisdictionPack of(String code) {
        return find(code).orElseGet(this::defaultPack);
    }

    /** The jurisdiction a request opened without one belongs to. */
    public JurisdictionPack defaultPack() {
        return packs.get(defaultCode);
    }

    /** Every pack, in the order configured. */
    public List<JurisdictionPack> all() {
        return new ArrayList<>(packs.values());
    }
}
