package io.hostapp.updater.daemon;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaintenanceWindowTest {
    private static final ZoneId Z = ZoneId.of("Europe/Berlin");

    /** 2026-11-23 is a Monday. */
    private static ZonedDateTime at(int day, int hour, int minute) {
        return ZonedDateTime.of(2026, 11, 23 + day, hour, minute, 0, 0, Z);
    }

    @Test
    void parsesDaysAndSpans() {
        MaintenanceWindow w = MaintenanceWindow.parse("mon-fri 02:00-04:00");
        assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), w.days());
        assertEquals(EnumSet.allOf(DayOfWeek.class), MaintenanceWindow.parse("* 01:00-02:00").days());
        assertEquals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY), MaintenanceWindow.parse("sat,sun 22:00-06:00").days());
        assertEquals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY),
                MaintenanceWindow.parse("sat-mon 01:00-02:00").days(), "ranges wrap around the week");
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.parse("mon"));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.parse("funday 01:00-02:00"));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.parse("mon 1-2"));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.parse("mon 02:00-02:00"));
        // no days at all (split drops empty strings): a window that would never open
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.parse(", 01:00-02:00"));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.parse(",,, 01:00-02:00"));
        assertThrows(IllegalArgumentException.class, () -> MaintenanceWindow.parse("mon-tue-wed 01:00-02:00"));
    }

    @Test
    void containsInLocalTime() {
        MaintenanceWindow w = MaintenanceWindow.parse("mon-fri 02:00-04:00");
        assertTrue(w.contains(at(0, 2, 0)));
        assertTrue(w.contains(at(4, 3, 59)));
        assertFalse(w.contains(at(0, 4, 0)), "end is exclusive");
        assertFalse(w.contains(at(5, 3, 0)), "saturday");
    }

    @Test
    void crossesMidnight() {
        MaintenanceWindow w = MaintenanceWindow.parse("sat 22:00-02:00");
        assertTrue(w.contains(at(5, 23, 0)), "saturday evening");
        assertTrue(w.contains(at(6, 1, 0)), "sunday morning belongs to saturday's window");
        assertFalse(w.contains(at(5, 1, 0)), "saturday morning belongs to friday, not in the window");
    }

    @Test
    void untilOpen() {
        MaintenanceWindow w = MaintenanceWindow.parse("mon-fri 02:00-04:00");
        assertEquals(Duration.ZERO, w.untilOpen(at(0, 3, 0)));
        assertEquals(Duration.ofHours(22), w.untilOpen(at(0, 4, 0)));
        assertEquals(Duration.ofHours(2 * 24 + 2), w.untilOpen(at(5, 0, 0)), "saturday 00:00 -> monday 02:00");
    }
}
