package io.hostapp.updater.daemon;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A weekly maintenance window in the device's local time: days of the week and a time-of-day span. A span
 * whose end is before its start crosses midnight ({@code 22:00-02:00} on {@code sat} covers Saturday 22:00
 * to Sunday 02:00). Text form, as in the configuration file: {@code "mon-fri 02:00-04:00"},
 * {@code "sat,sun 22:00-06:00"}, {@code "* 01:00-05:00"} (every day).
 */
public record MaintenanceWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public MaintenanceWindow {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
        if (from.equals(to)) {
            throw new IllegalArgumentException("window starts and ends at " + from + ": empty");
        }
    }

    /** Parses the text form; the message of the exception says what is wrong. */
    public static MaintenanceWindow parse(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "': want DAYS HH:MM-HH:MM, e.g. 'mon-fri 02:00-04:00'");
        }
        String[] span = parts[1].split("-");
        if (span.length != 2) {
            throw new IllegalArgumentException("'" + parts[1] + "': want HH:MM-HH:MM");
        }
        try {
            return new MaintenanceWindow(days(parts[0]), LocalTime.parse(span[0]), LocalTime.parse(span[1]));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + parts[1] + "': times must be HH:MM");
        }
    }

    private static Set<DayOfWeek> days(String s) {
        if (s.equals("*")) {
            return EnumSet.allOf(DayOfWeek.class);
        }
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String item : s.toLowerCase(Locale.ROOT).split(",")) {
            String[] range = item.split("-");
            if (range.length == 0 || range.length > 2) { // "-" alone: split drops the empty strings
                throw new IllegalArgumentException("'" + item + "': not a day (mon, tue, ... sun) or a range (mon-fri)");
            }
            DayOfWeek a = day(range[0]);
            DayOfWeek b = range.length > 1 ? day(range[1]) : a;
            for (DayOfWeek d = a; ; d = d.plus(1)) {
                out.add(d);
                if (d == b) {
                    break;
                }
            }
        }
        if (out.isEmpty()) { // "," or ",,": split drops the empty strings; a window that never opens
            throw new IllegalArgumentException("'" + s + "': no days (mon, tue, ... sun, ranges like mon-fri, or *)");
        }
        return out;
    }

    private static DayOfWeek day(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().toLowerCase(Locale.ROOT).startsWith(s) && s.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("'" + s + "': not a day (mon, tue, ... sun)");
    }

    /** True when {@code t} (device local time) is inside the window. */
    public boolean contains(ZonedDateTime t) {
        LocalTime now = t.toLocalTime();
        if (from.isBefore(to)) {
            return days.contains(t.getDayOfWeek()) && !now.isBefore(from) && now.isBefore(to);
        }
        // crosses midnight: the evening part belongs to its own day, the morning part to the day before
        return (days.contains(t.getDayOfWeek()) && !now.isBefore(from))
                || (days.contains(t.getDayOfWeek().minus(1)) && now.isBefore(to));
    }

    /** How long from {@code t} until the window next opens (zero when it is open), searched a week ahead. */
    public Duration untilOpen(ZonedDateTime t) {
        if (contains(t)) {
            return Duration.ZERO;
        }
        for (int day = 0; day <= 7; day++) {
            ZonedDateTime start = t.toLocalDate().plusDays(day).atTime(from).atZone(t.getZone());
            if (start.isAfter(t) && days.contains(start.getDayOfWeek())) {
                return Duration.between(t, start);
            }
        }
        return Duration.ofDays(7);
    }
}
