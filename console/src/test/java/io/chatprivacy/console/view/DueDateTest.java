package io.chatprivacy.console.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.chatprivacy.console.view.DueDate.Urgency;
import org.junit.jupiter.api.Test;

class DueDateTest {

    @Test
    void aRequestDueLaterShowsItsCalendarDays() {
        assertThat(DueDate.of(true, 30L, null, false)).isEqualTo(new DueDate("30 days left", Urgency.LATER));
    }

    @Test
    void aRequestDueWithinSevenDaysIsDueThisWeek() {
        assertThat(DueDate.of(true, 7L, null, false)).isEqualTo(new DueDate("7 days left", Urgency.THIS_WEEK));
        assertThat(DueDate.of(true, 1L, null, false)).isEqualTo(new DueDate("1 day left", Urgency.THIS_WEEK));
        assertThat(DueDate.of(true, 8L, null, false).urgency()).isEqualTo(Urgency.LATER);
    }

    @Test
    void anOptOutShowsBusinessDaysButIsUrgentByTheCalendar() {
        // 5 business days over a weekend are 7 calendar days: due this week
        assertThat(DueDate.of(true, 7L, 5L, false)).isEqualTo(new DueDate("5 business days left", Urgency.THIS_WEEK));
        assertThat(DueDate.of(true, 21L, 15L, false)).isEqualTo(new DueDate("15 business days left", Urgency.LATER));
    }

    @Test
    void theDueDayAndAfter() {
        assertThat(DueDate.of(true, 0L, null, false)).isEqualTo(new DueDate("due today", Urgency.THIS_WEEK));
        // the service says overdue once the due time has passed, even on the due day
        assertThat(DueDate.of(true, 0L, null, true)).isEqualTo(new DueDate("overdue", Urgency.OVERDUE));
        assertThat(DueDate.of(true, -3L, null, true)).isEqualTo(new DueDate("overdue by 3 days", Urgency.OVERDUE));
        assertThat(DueDate.of(true, -3L, -1L, true))
                .isEqualTo(new DueDate("overdue by 1 business day", Urgency.OVERDUE));
    }

    @Test
    void aClosedRequestHasNoClock() {
        assertThat(DueDate.of(false, null, null, null)).isEqualTo(new DueDate("closed", Urgency.CLOSED));
        assertThat(Urgency.THIS_WEEK.css()).isEqualTo("this-week");
    }
}
