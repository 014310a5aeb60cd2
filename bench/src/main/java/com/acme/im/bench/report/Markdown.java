package com.acme.im.bench.report;

import java.util.List;

/**
 * 生成 Markdown 表格的小工具。
 */
public final class Markdown {

    private Markdown() {
    }

    public static String table(List<String> header, List<List<String>> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| ").append(String.join(" | ", header)).append(" |\n|");
        header.forEach(h -> b.append("---|"));
        b.append('\n');
        for (List<String> row : rows) {
            b.append("| ").append(String.join(" | ", row.stream().map(Markdown::cell).toList())).append(" |\n");
        }
        return b.toString();
    }

    /** 表格单元里的竖线要转义。 */
    static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|");
    }
}
