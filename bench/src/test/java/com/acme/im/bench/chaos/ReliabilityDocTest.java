package com.acme.im.bench.chaos;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReliabilityDocTest {

    @Test
    void replacesOnlyTheGeneratedBlock() {
        String doc = "# R\n\nhand written\n\n" + ReliabilityDoc.BEGIN + "\nold\n" + ReliabilityDoc.END + "\n\ntail\n";
        assertEquals("# R\n\nhand written\n\n" + ReliabilityDoc.BEGIN + "\nnew\n" + ReliabilityDoc.END + "\n\ntail\n",
                ReliabilityDoc.replace(doc, "new\n"));
    }

    @Test
    void appendsWhenThereAreNoMarkers() {
        assertEquals("# R\n\n" + ReliabilityDoc.BEGIN + "\nnew\n" + ReliabilityDoc.END + "\n",
                ReliabilityDoc.replace("# R", "new"));
    }
}
