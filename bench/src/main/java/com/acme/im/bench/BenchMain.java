package com.acme.im.bench;

import com.acme.im.bench.baseline.EchoBaseline;
import com.acme.im.bench.baseline.KafkaBaseline;
import com.acme.im.bench.chat.GroupWorkload;
import com.acme.im.bench.chat.OneToOneWorkload;
import com.acme.im.bench.connection.ConnectionRamp;
import com.acme.im.bench.report.BenchmarksDoc;
import com.acme.im.bench.report.EndToEndReport;
import com.acme.im.bench.report.Environment;
import com.acme.im.bench.report.RunResults;
import com.acme.im.bench.rest.RestWorkload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * 压测入口：bash bench/run.sh &lt;workload&gt; [--name=value ...]。
 * 负载：one-to-one、group、world、connections、rest、baseline、users、all；
 * all 依次运行全部负载，打印报告并改写 docs/benchmarks.md 的端到端一节。
 */
public final class BenchMain {

    private static final Set<String> WORKLOADS = Set.of("users", "one-to-one", "group", "world", "connections", "rest",
            "baseline", "all");

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o = BenchOptions.parse(args);
        if (!WORKLOADS.contains(o.workload())) {
            System.err.println("unknown workload '" + o.workload() + "'; one of " + WORKLOADS);
            System.exit(2);
        }
        RunResults results = new RunResults();
        String note = o.string("note", "");
        if (!note.isBlank()) {
            results.notes.add(note);
        }
        try (BenchContext ctx = new BenchContext(o)) {
            Environment env = Environment.capture(ctx.root());
            run(ctx, o.workload(), results);
            String command = "bash bench/run.sh " + String.join(" ", args);
            String report = EndToEndReport.render(results, env, Instant.now(), o.decimal("baseline-rate", 1000), command);
            System.out.println();
            System.out.println(report);
            Path out = ctx.root().resolve("bench/target/results/" + o.workload() + "-" + env.startedAt().toString().replace(':', '-') + ".md");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
            System.out.println("report saved to " + out);
            if (o.flag("write-docs") || ("all".equals(o.workload()) && !o.flag("no-docs"))) {
                BenchmarksDoc.write(ctx.root().resolve("docs/benchmarks.md"), report);
                System.out.println("docs/benchmarks.md updated");
            }
        }
        System.exit(0);
    }

    private static void run(BenchContext ctx, String workload, RunResults results) throws Exception {
        boolean all = "all".equals(workload);
        if (all || "users".equals(workload)) {
            ctx.users(ctx.options().integer("users", 5000));
        }
        if (all || "baseline".equals(workload)) {
            results.kafkaOneTopic = KafkaBaseline.run(ctx, 1);
            results.kafkaTwoTopics = KafkaBaseline.run(ctx, 2);
            results.echo = EchoBaseline.run(ctx);
        }
        if (all || "one-to-one".equals(workload)) {
            OneToOneWorkload.Outcome o = OneToOneWorkload.run(ctx);
            results.oneToOne.addAll(o.steps());
            results.oneToOneHighestHeld = o.highestHeldRate();
            results.oneToOneP99Limit = o.p99LimitMs();
        }
        if (all || "group".equals(workload)) {
            results.groups.add(GroupWorkload.direct(ctx));
            results.groups.add(GroupWorkload.fanout(ctx));
        }
        if (all || "world".equals(workload)) {
            results.groups.add(GroupWorkload.world(ctx));
        }
        if (all || "rest".equals(workload)) {
            results.rest.addAll(RestWorkload.run(ctx));
        }
        if (all || "connections".equals(workload)) {
            ConnectionRamp.Outcome c = ConnectionRamp.run(ctx);
            results.connectionsOpen = c.openAfterHold();
            results.connectionsTarget = c.target();
            results.connections.put("Target", c.target() + " idle WebSocket connections, heartbeat (`ping`) every "
                    + ctx.options().integer("heartbeat-seconds", 30) + " s each, source addresses 127.0.0.2 and up");
            results.connections.put("Established", String.format(Locale.ROOT, "%d in %.1f s; stopped because: %s",
                    c.established(), c.rampSeconds(), c.stopReason()));
            results.connections.put("Still open after the hold", c.openAfterHold() + " (pings sent " + c.pings()
                    + ", pongs received " + c.pongs() + ")");
            results.connections.put("Gateway RSS", String.format(Locale.ROOT, "%d MB before, %d MB with the connections: %.1f KB per connection",
                    c.rssBefore() >> 20, c.rssAfter() >> 20, c.rssPerConnection() / 1024));
            results.connections.put("Gateway heap (live, after a full GC via jcmd GC.run)", String.format(Locale.ROOT,
                    "%d MB before, %d MB with the connections: %.1f KB per connection",
                    c.heapBefore() >> 20, c.heapAfter() >> 20, c.heapPerConnection() / 1024));
            results.connections.put("Gateway max open files", Long.toString(c.gatewayMaxOpenFiles()));
            results.connections.put("Errors", c.errors().isEmpty() ? "0" : c.errors().toString());
            results.connections.put("Progress", String.join("; ", c.checkpoints()));
        }
    }
}
