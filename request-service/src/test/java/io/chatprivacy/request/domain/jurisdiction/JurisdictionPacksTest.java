package io.chatprivacy.request.domain.jurisdiction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chatprivacy.request.domain.ClockRules;
import io.chatprivacy.request.domain.ClockRules.DayCount;
import io.chatprivacy.request.domain.RequestType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The six packs as shipped, and what a broken pack does to the start. */
class JurisdictionPacksTest {

    private static final List<String> ALL = List.of("CA", "VA", "CO", "CT", "OR", "TX");
    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();

    private static JurisdictionPacks shipped() {
        return JurisdictionPacks.fromClassPath(MAPPER, ALL, "CA");
    }

    @Test
    void allSixPacksLoadAndEveryRuleCitesItsStatute() {
        JurisdictionPacks packs = shipped();
        assertThat(packs.all()).extracting(JurisdictionPack::code).containsExactlyElementsOf(ALL);
        for (JurisdictionPack pack : packs.all()) {
            assertThat(pack.problems(pack.code())).as(pack.code()).isEmpty();
            pack.rights().values().forEach(r -> assertThat(r.citation()).isNotBlank());
            assertThat(pack.response().citation()).isNotBlank();
            assertThat(pack.extension().citation()).isNotBlank();
        }
        assertThat(packs.defaultPack().code()).isEqualTo("CA");
        assertThat(packs.find("va")).map(JurisdictionPack::name).contains("Virginia");
        assertThat(packs.find("ZZ")).isEmpty();
    }

    @Test
    void californiasPackHasTheNumbersTheClockAlwaysUsed() {
        JurisdictionPack ca = shipped().find("CA").orElseThrow();
        assertThat(ca.clockRules()).isEqualTo(ClockRules.CCPA);
        assertThat(ca.acknowledgement().citation()).contains("§7021");
        assertThat(ca.responseByType().get(RequestType.OPT_OUT).citation()).contains("§7026");
        assertThat(ca.responseByType().get(RequestType.LIMIT).citation()).contains("§7027");
        assertThat(ca.response().citation()).contains("§1798.130");
        assertThat(ca.rights().get(RequestType.ACCESS).citation()).contains("§§7060–7062");
        assertThat(ca.extension().notFor()).containsExactlyInAnyOrder(RequestType.OPT_OUT, RequestType.LIMIT);
        assertThat(ca.hasAppeal()).isFalse();
        assertThat(ca.optOutSignals())
                .singleElement()
                .satisfies(s -> assertThat(s.signal()).isEqualTo("GPC"))
                .satisfies(s -> assertThat(s.citation()).contains("§7025"));
    }

    @Test
    void limitIsCaliforniasAloneAndOptOutsAreNeverVerified() {
        for (JurisdictionPack pack : shipped().all()) {
            assertThat(pack.grants(RequestType.LIMIT))
                    .as(pack.code())
                    .isEqualTo(pack.code().equals("CA"));
            assertThat(pack.grants(RequestType.ACCESS)).isTrue();
            assertThat(pack.grants(RequestType.DELETE)).isTrue();
            assertThat(pack.grants(RequestType.CORRECT)).isTrue();
            assertThat(pack.grants(RequestType.OPT_OUT)).isTrue();
            assertThat(pack.needsVerification(RequestType.OPT_OUT)).isFalse();
            assertThat(pack.needsVerification(RequestType.LIMIT)).isFalse();
            for (RequestType verified : EnumSet.of(RequestType.ACCESS, RequestType.DELETE, RequestType.CORRECT)) {
                assertThat(pack.needsVerification(verified))
                        .as(pack.code() + " " + verified)
                        .isTrue();
            }
            // 45 calendar days to answer everywhere, one extension of 45
            assertThat(pack.response().days()).isEqualTo(45);
            assertThat(pack.response().count()).isEqualTo(DayCount.CALENDAR);
            assertThat(pack.extension().days()).isEqualTo(45);
            assertThat(pack.extension().count()).isEqualTo(DayCount.CALENDAR);
        }
    }

    @Test
    void theOtherFiveGrantAnAppealWithItsClockAndTheAttorneyGeneralsContact() {
        Map<String, Integer> decisionDays = Map.of("VA", 60, "CO", 45, "CT", 60, "OR", 45, "TX", 60);
        Map<String, String> citation = Map.of(
                "VA", "Va. Code §59.1-577",
                "CO", "C.R.S. §6-1-1306",
                "CT", "Conn. Gen. Stat. §42-518",
                "OR", "ORS 646A.576",
                "TX", "Tex. Bus. & Com. Code §541.053");
        JurisdictionPacks packs = shipped();
        decisionDays.forEach((code, days) -> {
            JurisdictionPack pack = packs.find(code).orElseThrow();
            assertThat(pack.hasAppeal()).as(code).isTrue();
            assertThat(pack.appeal().decision().days()).as(code).isEqualTo(days);
            assertThat(pack.appeal().decision().count()).isEqualTo(DayCount.CALENDAR);
            assertThat(pack.appeal().citation()).isEqualTo(citation.get(code));
            assertThat(pack.appeal().attorneyGeneralContact()).containsIgnoringCase("attorney general");
            assertThat(pack.appeal().windowDays()).isPositive();
            // the window to appeal is not a statutory number: the pack says so
            assertThat(pack.appeal().note()).contains("not a statutory number");
            assertThat(pack.extension().notFor()).isEmpty();
        });
        assertThat(packs.find("CO").orElseThrow().appeal().decisionExtension().days())
                .isEqualTo(60);
        assertThat(packs.find("TX").orElseThrow().response().citation()).isEqualTo("Tex. Bus. & Com. Code §541.052");
    }

    @Test
    void universalOptOutSignalsFromTheirEffectiveDates() {
        JurisdictionPacks packs = shipped();
        assertThat(packs.find("VA").orElseThrow().optOutSignals()).isEmpty();
        assertThat(signalFrom(packs, "CO")).isEqualTo(LocalDate.of(2024, 7, 1));
        assertThat(signalFrom(packs, "CT")).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(signalFrom(packs, "TX")).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(signalFrom(packs, "OR")).isEqualTo(LocalDate.of(2026, 1, 1));
        assertThat(packs.find("TX").orElseThrow().optOutSignals().get(0).citation())
                .isEqualTo("Tex. Bus. & Com. Code §541.055");
    }

    private static LocalDate signalFrom(JurisdictionPacks packs, String code) {
        return packs.find(code).orElseThrow().optOutSignals().get(0).honouredFrom();
    }

    @Test
    void aRuleWithoutItsCitationStopsTheStartNamingFileAndField() {
        String broken = pack("XX").replace("\"citation\": \"Va. Code §59.1-577 (response)\"", "\"citation\": \" \"");
        assertThatThrownBy(() -> load("XX", broken))
                .isInstanceOf(InvalidJurisdictionPackException.class)
                .hasMessageContaining("jurisdictions/XX.json")
                .hasMessageContaining("response.citation must not be blank");
    }

    @Test
    void aTypoIsAnUnknownFieldAndStopsTheStart() {
        String broken = pack("XX").replace("\"windowDays\"", "\"windowDayz\"");
        assertThatThrownBy(() -> load("XX", broken))
                .isInstanceOf(InvalidJurisdictionPackException.class)
                .hasMessageContaining("jurisdictions/XX.json")
                .hasMessageContaining("windowDayz");
    }

    @Test
    void otherBrokenRulesAreEachNamed() {
        String broken = pack("XX")
                .replace("\"OPT_OUT\": {\"verification\": false", "\"OPT_OUT\": {\"verification\": true")
                .replace("\"days\": 60, \"count\"", "\"days\": 0, \"count\"")
                .replace("\"code\": \"XX\"", "\"code\": \"YY\"");
        assertThatThrownBy(() -> load("XX", broken))
                .isInstanceOf(InvalidJurisdictionPackException.class)
                .satisfies(e -> assertThat(((InvalidJurisdictionPackException) e).problems())
                        .contains(
                                "code YY does not match the file's name XX",
                                "rights.OPT_OUT.verification must be false: opt-outs are applied at once",
                                "appeal.decision.days must be positive"));
        assertThatThrownBy(() -> load("XX", "{ not json"))
                .isInstanceOf(InvalidJurisdictionPackException.class)
                .hasMessageContaining("jurisdictions/XX.json");
        assertThatThrownBy(() -> load("XX", pack("XX").replace("\"BUSINESS\"", "\"WEEKDAYS\"")))
                .isInstanceOf(InvalidJurisdictionPackException.class)
                .hasMessageContaining("WEEKDAYS");
    }

    @Test
    void aMissingPackOrADefaultWithoutOneStopsTheStart() {
        assertThatThrownBy(() -> JurisdictionPacks.fromClassPath(MAPPER, List.of("CA", "ZZ"), "CA"))
                .isInstanceOf(InvalidJurisdictionPackException.class)
                .hasMessage("Jurisdiction pack jurisdictions/ZZ.json is invalid: no such file on the class path");
        assertThatThrownBy(() -> JurisdictionPacks.fromClassPath(MAPPER, List.of("VA"), "CA"))
                .isInstanceOf(InvalidJurisdictionPackException.class)
                .hasMessageContaining("request.default-jurisdiction")
                .hasMessageContaining("the default jurisdiction CA has no pack");
    }

    @Test
    void aWellFormedPackOfANewJurisdictionLoads() {
        JurisdictionPacks packs = load("XX", pack("XX"));
        assertThat(packs.defaultPack().name()).isEqualTo("Testland");
        assertThat(packs.defaultPack().clockRules().responseFor(RequestType.ACCESS))
                .isEqualTo(new ClockRules.Period(45, DayCount.CALENDAR));
    }

    private static JurisdictionPacks load(String code, String json) {
        return JurisdictionPacks.load(
                MAPPER,
                List.of(code),
                code,
                file -> file.equals("jurisdictions/" + code + ".json")
                        ? new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))
                        : null);
    }

    /** Virginia's pack under another code: a valid pack to break. */
    private static String pack(String code) {
        try (InputStream in = JurisdictionPacks.class.getClassLoader().getResourceAsStream("jurisdictions/VA.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"code\": \"VA\"", "\"code\": \"" + code + "\"")
                    .replace("\"name\": \"Virginia\"", "\"name\": \"Testland\"")
                    .replace(
                            "\"response\": {\"days\": 45, \"count\": \"CALENDAR\", \"citation\": \"Va. Code §59.1-577\"}",
                            "\"response\": {\"days\": 45, \"count\": \"CALENDAR\", \"citation\": \"Va. Code §59.1-577"
                                    + " (response)\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
