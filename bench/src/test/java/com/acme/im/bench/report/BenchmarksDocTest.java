package com.acme.im.bench.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchmarksDocTest {

    @Test
    void appendsTheSectionThenReplacesOnlyIt() {
        String repoSection = "# Benchmarks\n\n## repo-app\n\nSaveMessage 900/s\n";
        String first = BenchmarksDoc.replace(repoSection, "## End-to-end\nrun 1\n");
        assertTrue(first.startsWith(repoSection));
        assertTrue(first.contains("run 1"));
        String second = BenchmarksDoc.replace(first + "\n## later section\n", "## End-to-end\nrun 2\n");
        assertTrue(second.startsWith(repoSection));
        assertTrue(second.contains("run 2"));
        assertTrue(second.contains("## later section"));
        assertEquals(-1, second.indexOf("run 1"));
        assertEquals(second.indexOf(BenchmarksDoc.BEGIN), second.lastIndexOf(BenchmarksDoc.BEGIN));
    }

    @Test
    void sumsHeapAreasFromPrometheusText() {
        String text = """
                # HELP jvm_memory_used_bytes The amount of used memory
                jvm_memory_used_bytes{area="heap",id="Tenured Gen"} 1.0E7
                jvm_memory_used_bytes{area="heap",id="Eden Space"} 2000000.0
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 5.0E7
                """;
        assertEquals(12_000_000L, GatewayMetrics.sumHeap(text));
        assertEquals(-1L, GatewayMetrics.sumHeap("nothing"));
    }
}
