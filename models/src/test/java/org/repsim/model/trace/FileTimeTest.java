package org.repsim.model.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileTimeTest {

    @Test
    void unixEpochIs369YearsOfTicksAfter1601() {
        // 1601..1969: 369 years, 89 leap days (1700, 1800, 1900 are not leap years)
        long days = 369L * 365 + 89;
        assertThat(FileTime.EPOCH_OFFSET_SECONDS).isEqualTo(days * 86_400);
        assertThat(FileTime.toInstant(116_444_736_000_000_000L)).isEqualTo(Instant.parse("1970-01-01T00:00:00Z"));
    }

    @Test
    void msrTraceStartConvertsToItsKnownInstant() {
        // first timestamp of MSR Cambridge prxy_0: 12816637200.3061629 s after 1601-01-01,
        // minus 11644473600 s = Unix 1172163600.3061629 = 2007-02-22 17:00:00.3061629 UTC
        // (the traces start "5 PM GMT on 22 February 2007"); computed independently with Python datetime.
        assertThat(FileTime.toInstant(128_166_372_003_061_629L))
                .isEqualTo(Instant.parse("2007-02-22T17:00:00.3061629Z"));
        assertThat(FileTime.toInstant(128_166_372_003_061_629L).getEpochSecond()).isEqualTo(1_172_163_600L);
    }

    @Test
    void instantRoundTripsToTicks() {
        Instant instant = Instant.parse("2007-02-22T08:00:00.3061629Z");
        assertThat(FileTime.ofInstant(instant)).isEqualTo(128_166_048_003_061_629L);
        assertThat(FileTime.toInstant(FileTime.ofInstant(instant))).isEqualTo(instant);
    }

    @Test
    void year1990BoundIsJanuaryFirst() {
        assertThat(FileTime.toInstant(FileTime.YEAR_1990_TICKS)).isEqualTo(Instant.parse("1990-01-01T00:00:00Z"));
    }
}
