package com.acme.im.audit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;

/**
 * Aho–Corasick 多模式匹配自动机：一次扫描文本即可找出全部敏感词，耗时与词表大小无关
 * （逐词 contains 是 词数×文本长度）。按 char 建树，中文与英文同样处理；
 * 拉丁字母不区分大小写（建树与扫描都按 char 转小写，位置与原文一一对应，便于遮蔽）。
 * 构建后不可变，可被多线程共享。
 */
public final class SensitiveWordMatcher {

    /** 一次命中：原文中的 [start, end) 区间与命中的词（词表中的原始写法）。 */
    public record Hit(int start, int end, String word) {
    }

    /** 自动机节点。 */
    private static final class Node {
        final Map<Character, Node> next = new HashMap<>();
        Node fail;
        /** 以本节点结尾的词（含经由失败链继承的），存词表下标。 */
        final List<Integer> outputs = new ArrayList<>();
    }

    private final Node root = new Node();
    private final List<String> words;

    private SensitiveWordMatcher(List<String> words) {
        this.words = words;
    }

    /** 由词表构建；空白词被忽略，重复词只保留一个。 */
    public static SensitiveWordMatcher of(Collection<String> rawWords) {
        Set<String> unique = new LinkedHashSet<>();
        for (String w : rawWords) {
            if (w != null && !w.isBlank()) {
                unique.add(w.strip());
            }
        }
        SensitiveWordMatcher m = new SensitiveWordMatcher(List.copyOf(unique));
        m.build();
        return m;
    }

    /** 词表大小。 */
    public int size() {
        return words.size();
    }

    private void build() {
        for (int i = 0; i < words.size(); i++) {
            Node n = root;
            String w = words.get(i);
            for (int k = 0; k < w.length(); k++) {
                n = n.next.computeIfAbsent(Character.toLowerCase(w.charAt(k)), c -> new Node());
            }
            n.outputs.add(i);
        }
        // 广度优先建立失败指针
        Queue<Node> queue = new ArrayDeque<>();
        for (Node child : root.next.values()) {
            child.fail = root;
            queue.add(child);
        }
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            for (Map.Entry<Character, Node> e : n.next.entrySet()) {
                char c = e.getKey();
                Node child = e.getValue();
                Node f = n.fail;
                while (f != null && !f.next.containsKey(c)) {
                    f = f.fail;
                }
                child.fail = f == null ? root : f.next.get(c);
                child.outputs.addAll(child.fail.outputs);
                queue.add(child);
            }
        }
    }

    /** 找出全部命中（可重叠），按结束位置排序。 */
    public List<Hit> findAll(String text) {
        List<Hit> hits = new ArrayList<>();
        if (text == null || text.isEmpty() || words.isEmpty()) {
            return hits;
        }
        Node n = root;
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toLowerCase(text.charAt(i));
            while (n != root && !n.next.containsKey(c)) {
                n = n.fail;
            }
            n = n.next.getOrDefault(c, root);
            for (int idx : n.outputs) {
                String w = words.get(idx);
                hits.add(new Hit(i + 1 - w.length(), i + 1, w));
            }
        }
        return hits;
    }

    /** 把全部命中区间替换为遮蔽字符（每个 char 一个，长度不变）。 */
    public static String mask(String text, List<Hit> hits, char maskChar) {
        if (hits.isEmpty()) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (Hit h : hits) {
            for (int i = h.start(); i < h.end(); i++) {
                chars[i] = maskChar;
            }
        }
        return new String(chars);
    }
}
