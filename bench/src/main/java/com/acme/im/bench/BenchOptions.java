package com.acme.im.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * 命令行参数：第一个参数是负载名，其余为 --name=value 或 --name value。
 * 默认值写在各负载里（见 bench/README.md），这里只负责解析与类型转换。
 */
public final class BenchOptions {

    private final String workload;
    private final Map<String, String> values;

    private BenchOptions(String workload, Map<String, String> values) {
        this.workload = workload;
        this.values = values;
    }

    public static BenchOptions parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: <workload> [--name=value ...]");
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --name=value, got " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                values.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                values.put(a.substring(2), args[++i]);
            } else {
                values.put(a.substring(2), "true");
            }
        }
        return new BenchOptions(args[0], values);
    }

    public String workload() {
        return workload;
    }

    public String string(String name, String def) {
        return values.getOrDefault(name, def);
    }

    public int integer(String name, int def) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name).replace("_", "")) : def;
    }

    public double decimal(String name, double def) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : def;
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(values.getOrDefault(name, "false"));
    }

    /** 逗号分隔的数列，如 --rates=100,500,1000。 */
    public List<Double> decimals(String name, String def) {
        List<Double> out = new ArrayList<>();
        for (String s : values.getOrDefault(name, def).split(",")) {
            if (!s.isBlank()) {
                out.add(Double.parseDouble(s.trim().replace("_", "")));
            }
        }
        return out;
    }
}
