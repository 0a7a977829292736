package org.repsim.scenario.spec;

import static org.repsim.scenario.spec.Units.Kind.*;

import java.util.List;
import java.util.Map;

/** When a workload issues I/Os (docs/model.md §2). */
@Discriminator("kind")
@Doc("Arrival process: open (a rate) or closed (streams with think time).")
public sealed interface Arrival permits Arrival.Open, Arrival.Closed {

    /** Open loop: arrivals at a rate, optionally modulated by a profile over time. */
    @Variant("open")
    record Open(
            @OneOf({"poisson", "deterministic", "onoff", "mmpp"}) @Default("\"poisson\"")
            @Doc("poisson, deterministic, onoff (rate while on, silent while off) or mmpp (Markov-modulated: rate × state factor).") String process,
            @Positive @Quantity(EVENT_RATE) @Doc("Arrival rate (I/Os per second): the mean for poisson and deterministic; for onoff the rate while on (the long-run mean is rate × mean on ÷ (mean on + mean off)); for mmpp the base that each state's factor multiplies (the long-run mean is rate × the states' factors weighted by their mean holding times, not normalised to rate).") double ratePerSec,
            @Default("[]") @Doc("Rate multipliers over time: [[\"0 s\", 1.0], [\"4 min\", 2.5], ...].") List<ProfileStep> profile,
            @Quantity(TIME) @Default("{\"dist\": \"exponential\", \"mean\": \"1 s\"}") @Doc("onoff: length of on periods.") Distribution onTime,
            @Quantity(TIME) @Default("{\"dist\": \"exponential\", \"mean\": \"1 s\"}") @Doc("onoff: length of off periods.") Distribution offTime,
            @Default("[]") @Doc("mmpp: states, each a rate factor and a mean holding time; the next state is drawn uniformly among the others.") List<MmppState> states) implements Arrival {

        public Open {
            profile = List.copyOf(profile);
            states = List.copyOf(states);
        }
    }

    /** Closed loop: each stream issues its next I/O when the previous one completed, after a think time. */
    @Variant("closed")
    record Closed(
            @Positive @Doc("Number of streams (at most 100000).") int streams,
            @Quantity(TIME) @Default("\"0 s\"") @Doc("Think time between completion and the next I/O.") Distribution thinkTime) implements Arrival {
    }
}
