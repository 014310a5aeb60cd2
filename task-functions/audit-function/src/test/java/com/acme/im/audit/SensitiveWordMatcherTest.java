package com.acme.im.audit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SensitiveWordMatcherTest {

    @Test
    void findsChineseAndEnglishWordsInOnePass() {
        SensitiveWordMatcher m = SensitiveWordMatcher.of(List.of("赌博", "代开发票", "Scam Link", "he", "she", "hers", " ", ""));
        assertEquals(6, m.size());
        List<SensitiveWordMatcher.Hit> hits = m.findAll("有人在群里说代开发票，还发了 SCAM link 和赌博网站");
        assertEquals(List.of("代开发票", "Scam Link", "赌博"), hits.stream().map(SensitiveWordMatcher.Hit::word).toList());
        assertEquals("有人在群里说****，还发了 ********* 和**网站",
                SensitiveWordMatcher.mask("有人在群里说代开发票，还发了 SCAM link 和赌博网站", hits, '*'));
    }

    @Test
    void reportsOverlappingMatchesThroughFailureLinks() {
        SensitiveWordMatcher m = SensitiveWordMatcher.of(List.of("he", "she", "his", "hers"));
        List<String> found = m.findAll("ushers").stream().map(h -> h.word() + "@" + h.start()).toList();
        assertEquals(List.of("she@1", "he@2", "hers@2"), found);
    }

    @Test
    void cleanTextHasNoHits() {
        SensitiveWordMatcher m = SensitiveWordMatcher.of(List.of("赌博"));
        assertTrue(m.findAll("今天天气不错，出去走走").isEmpty());
        assertTrue(m.findAll("").isEmpty());
        assertTrue(SensitiveWordMatcher.of(List.of()).findAll("anything").isEmpty());
    }
}
