package io.chatprivacy.consent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptOutPlanTest {

    private static final Map<OptOutScope, OptOutSource> GPC = Map.of(OptOutScope.SALE_SHARING, OptOutSource.GPC);

    @Test
    void gpcOptsOutANewVisitorOnce() {
        assertThat(OptOutPlan.plan("v1", null, GPC, List.of()))
                .containsExactly(new OptOutPlan.Addition(OptOutScope.SALE_SHARING, OptOutSource.GPC));

        List<OptOutPlan.Existing> already = List.of(new OptOutPlan.Existing(OptOutScope.SALE_SHARING, "v1", null));
        assertThat(OptOutPlan.plan("v1", null, GPC, already)).isEmpty();
    }

    @Test
    void nothingAskedAndNothingKnownAddsNothing() {
        assertThat(OptOutPlan.plan("v1", "e1", Map.of(), List.of())).isEmpty();
    }

    @Test
    void anOptedOutVisitorWhoGivesAnEmailOptsTheEmailOut() {
        List<OptOutPlan.Existing> visitorOnly = List.of(new OptOutPlan.Existing(OptOutScope.SALE_SHARING, "v1", null));

        assertThat(OptOutPlan.plan("v1", "e1", Map.of(), visitorOnly))
                .containsExactly(new OptOutPlan.Addition(OptOutScope.SALE_SHARING, OptOutSource.LINKED));

        List<OptOutPlan.Existing> both = List.of(new OptOutPlan.Existing(OptOutScope.SALE_SHARING, "v1", "e1"));
        assertThat(OptOutPlan.plan("v1", "e1", Map.of(), both)).isEmpty();
    }

    @Test
    void anOptedOutEmailOptsOutTheVisitorWhoGivesIt() {
        List<OptOutPlan.Existing> emailOnly = List.of(new OptOutPlan.Existing(OptOutScope.LIMIT_SENSITIVE, null, "e1"));

        assertThat(OptOutPlan.plan("v2", "e1", Map.of(), emailOnly))
                .containsExactly(new OptOutPlan.Addition(OptOutScope.LIMIT_SENSITIVE, OptOutSource.LINKED));
    }

    @Test
    void scopesAreIndependent() {
        List<OptOutPlan.Existing> limited = List.of(new OptOutPlan.Existing(OptOutScope.LIMIT_SENSITIVE, "v1", null));

        assertThat(OptOutPlan.plan("v1", null, GPC, limited))
                .containsExactly(new OptOutPlan.Addition(OptOutScope.SALE_SHARING, OptOutSource.GPC));
    }
}
