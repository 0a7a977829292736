package org.repsim.scenario.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.repsim.core.result.ExperimentSummary;
import org.repsim.core.result.Interval;
import org.repsim.core.result.Metric;
import org.repsim.core.result.MetricSummary;
import org.repsim.core.result.PointSummary;
import org.repsim.core.result.RunResult;
import org.repsim.core.result.Table;
import org.repsim.core.result.TimeSeries;

/** Golden text of every result file for a tiny result. */
class ResultFormatTest {

    static RunResult tiny() {
        TimeSeries series = new TimeSeries(List.of("queue.depth", "link.wan.utilization"), List.of("", ""));
        series.append(0.0, new double[] {1.5, 0.25});
        series.append(0.5, new double[] {Double.NaN, 1.0E-7});
        Table cycles = new Table("cycles", List.of("start_s", "bytes"), List.of("s", "bytes"));
        cycles.add(0.0, 1048576.0);
        cycles.add(30.0, 2.5E9);
        return new RunResult(1, 42L, List.of(new Metric("host.write.latency.mean", 4.1E-4, "s"),
                new Metric("host.writes", 1000.0, "count"), new Metric("rpo.lag.max", Double.NaN, "s")),
                series, List.of(cycles), List.of(new Interval("link-down", "wan, \"east\"", 300.0, 320.0)));
    }

    static ExperimentSummary tinySummary() {
        TreeMap<String, MetricSummary> m0 = new TreeMap<>();
        m0.put("host.write.latency.mean", new MetricSummary("host.write.latency.mean", 4.1E-4, 2.0E-5, 3.9E-4,
                4.3E-4, "s", 5));
        m0.put("rpo.lag.max", new MetricSummary("rpo.lag.max", 12.5, Double.NaN, 12.5, 12.5, "s", 1));
        LinkedHashMap<String, String> params = new LinkedHashMap<>();
        params.put("links[wan].bandwidth", "2 Gbit/s");
        params.put("report.rpoTarget", "1 min");
        return new ExperimentSummary("srdfa-two-boxes", "0.1.0", List.of("links[wan].bandwidth", "report.rpoTarget"),
                List.of(new PointSummary("p0", params, 5, m0)));
    }

    @Test
    void metricsJson() {
        assertThat(RunFiles.metricsJson("p0", tiny())).isEqualTo("""
                {
                  "point": "p0",
                  "replication": 1,
                  "seed": 42,
                  "metrics": {
                    "host.write.latency.mean": {
                      "value": 4.1E-4,
                      "unit": "s"
                    },
                    "host.writes": {
                      "value": 1000,
                      "unit": "count"
                    },
                    "rpo.lag.max": {
                      "value": null,
                      "unit": "s"
                    }
                  },
                  "series": {
                    "columns": [ "queue.depth", "link.wan.utilization" ],
                    "units": [ "", "" ]
                  },
                  "tables": {
                    "cycles": {
                      "columns": [ "start_s", "bytes" ],
                      "units": [ "s", "bytes" ]
                    }
                  },
                  "intervals": 1
                }
                """);
    }

    @Test
    void timeSeriesCsvWritesNaNAsAnEmptyField() {
        assertThat(RunFiles.seriesCsv(tiny().series())).isEqualTo("""
                time_s,queue.depth,link.wan.utilization
                0,1.5,0.25
                0.5,,1.0E-7
                """);
    }

    @Test
    void tableCsv() {
        assertThat(RunFiles.tableCsv(tiny().tables().get("cycles"))).isEqualTo("""
                start_s,bytes
                0,1048576
                30,2500000000
                """);
    }

    @Test
    void intervalsCsvQuotesTextWithCommasAndQuotes() {
        assertThat(RunFiles.intervalsCsv(tiny().intervals())).isEqualTo("""
                kind,subject,start_s,end_s
                link-down,"wan, ""east""\",300,320
                """);
    }

    @Test
    void summaryJsonHasTheShapeOfScenarioMd() {
        assertThat(SummaryFiles.json(tinySummary())).isEqualTo("""
                {
                  "scenario": "srdfa-two-boxes",
                  "version": "0.1.0",
                  "sweptPaths": [ "links[wan].bandwidth", "report.rpoTarget" ],
                  "points": [ {
                    "id": "p0",
                    "params": {
                      "links[wan].bandwidth": "2 Gbit/s",
                      "report.rpoTarget": "1 min"
                    },
                    "replications": 5,
                    "metrics": {
                      "host.write.latency.mean": {
                        "mean": 4.1E-4,
                        "ci95": 2.0E-5,
                        "min": 3.9E-4,
                        "max": 4.3E-4,
                        "unit": "s",
                        "n": 5
                      },
                      "rpo.lag.max": {
                        "mean": 12.5,
                        "ci95": null,
                        "min": 12.5,
                        "max": 12.5,
                        "unit": "s",
                        "n": 1
                      }
                    }
                  } ]
                }
                """);
    }

    @Test
    void summaryCsvHasOneRowPerPointAndMetric() {
        assertThat(SummaryFiles.csv(tinySummary())).isEqualTo("""
                point,links[wan].bandwidth,report.rpoTarget,metric,mean,ci95,min,max,unit,n
                p0,2 Gbit/s,1 min,host.write.latency.mean,4.1E-4,2.0E-5,3.9E-4,4.3E-4,s,5
                p0,2 Gbit/s,1 min,rpo.lag.max,12.5,,12.5,12.5,s,1
                """);
    }

    @Test
    void runJsonRecordsVersionSeedsAndPoints() {
        assertThat(RunDescription.of(FakeModel.plan(3, 0.5)).json()).isEqualTo("""
                {
                  "scenario": "fake-scenario",
                  "version": "0.1.0-test",
                  "format": 2,
                  "masterSeed": 42,
                  "replications": 3,
                  "commonRandomNumbers": true,
                  "warmupNs": 1000000000,
                  "durationNs": 9000000000,
                  "sampleIntervalNs": 500000000,
                  "sweptPaths": [ "workloads[oltp].rate" ],
                  "points": [ {
                    "id": "p0",
                    "params": {
                      "workloads[oltp].rate": "500/s"
                    }
                  } ]
                }
                """);
    }

    @Test
    void doublesPrintAsTheShortestTextThatReadsBackIdentically() {
        assertThat(Numbers.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(Numbers.format(2.0E-3)).isEqualTo("0.002");
        // whole numbers below 10^15 as integers; beyond, and fractions, the shortest decimal
        assertThat(Numbers.format(1.0E7)).isEqualTo("10000000");
        assertThat(Numbers.format(1.0E15)).isEqualTo("1.0E15");
        assertThat(Numbers.format(1.5E7)).isEqualTo("15000000");
        assertThat(Numbers.format(1.25E7 + 0.5)).isEqualTo("1.25000005E7");
        assertThat(Numbers.format(-0.0)).isEqualTo("-0.0");
        assertThat(Numbers.csv(Double.POSITIVE_INFINITY)).isEmpty();
        assertThat(Numbers.parseCsv("")).isNaN();
    }
}
