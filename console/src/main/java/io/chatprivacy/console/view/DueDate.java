package io.chatprivacy.console.view;

/**
 * How a request's due date is shown in the list: the days left as the service counted them (business days
 * where its clock counts them, calendar days otherwise) and how urgent that is. Pure: from the service's
 * answer alone, no clock of the console's own.
 */
public record DueDate(String label, Urgency urgency) {

    /** How a row is highlighted. */
    public enum Urgency {
        /** Past its due date. */
        OVERDUE,
        /** Due within the coming seven calendar days. */
        THIS_WEEK,
        /** Due later. */
        LATER,
        /** Closed: no clock runs. */
        CLOSED;

        /** The CSS class of a row. */
        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** Days within which a request counts as due this week. */
    static final long WEEK = 7;

    /**
     * @param open whether the request is still open
     * @param daysLeft calendar days to the due date (negative when overdue), as the service computed them
     * @param businessDaysLeft business days to it, for the clocks that count them; null otherwise
     * @param overdue whether the service says the due date has passed
     */
    public static DueDate of(boolean open, Long daysLeft, Long businessDaysLeft, Boolean overdue) {
        if (!open || daysLeft == null) {
            return new DueDate("closed", Urgency.CLOSED);
        }
        boolean business = businessDaysLeft != null;
        long left = business ? businessDaysLeft : daysLeft;
        String unit = business ? "business day" : "day";
        Urgency urgency = Boolean.TRUE.equals(overdue) || daysLeft < 0
                ? Urgency.OVERDUE
                : daysLeft <= WEEK ? Urgency.THIS_WEEK : Urgency.LATER;
        String label;
        if (urgency == Urgency.OVERDUE) {
            label = left < 0 ? "overdue by " + count(-left, unit) : "overdue";
        } else if (left == 0) {
            label = "due today";
        } else {
            label = count(left, unit) + " left";
        }
        return new DueDate(label, urgency);
    }

    private static String count(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
