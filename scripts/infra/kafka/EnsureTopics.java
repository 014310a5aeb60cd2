// 由 scripts/infra.sh 以单文件源码方式运行（java -cp '.infra/kafka/libs/*' EnsureTopics.java ...）。
// 1) 等待 broker 可用（describeCluster 成功且至少一个节点）；
// 2) 幂等地创建缺失的主题（已存在则跳过；分区数少于期望值时扩容）；
// 3) 列出所有主题。一次 JVM 完成，比逐个调用 TopicCommand 快得多。
// 用法: EnsureTopics <bootstrap> <waitSeconds> name:partitions [name:partitions ...]

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

public class EnsureTopics {
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EnsureTopics <bootstrap> <waitSeconds> name:partitions ...");
            System.exit(2);
        }
        String bootstrap = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        Map<String, Integer> wanted = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] p = args[i].split(":");
            wanted.put(p[0], Integer.parseInt(p[1]));
        }
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "im-infra");
        try (Admin admin = Admin.create(props)) {
            waitForBroker(admin, deadline);
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> toCreate = new ArrayList<>();
            for (Map.Entry<String, Integer> e : wanted.entrySet()) {
                if (!existing.contains(e.getKey())) {
                    toCreate.add(new NewTopic(e.getKey(), Optional.of(e.getValue()), Optional.empty()));
                }
            }
            if (!toCreate.isEmpty()) {
                try {
                    admin.createTopics(toCreate).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException ex) {
                    if (!(ex.getCause() instanceof TopicExistsException)) {
                        throw ex;
                    }
                }
                for (NewTopic t : toCreate) {
                    System.out.println("created topic " + t.name() + " (" + t.numPartitions() + " partitions)");
                }
            }
            Map<String, TopicDescription> desc =
                    admin.describeTopics(wanted.keySet()).allTopicNames().get(30, TimeUnit.SECONDS);
            Map<String, NewPartitions> grow = new HashMap<>();
            for (Map.Entry<String, Integer> e : wanted.entrySet()) {
                int have = desc.get(e.getKey()).partitions().size();
                if (have < e.getValue()) {
                    grow.put(e.getKey(), NewPartitions.increaseTo(e.getValue()));
                    System.out.println("increasing partitions of " + e.getKey() + ": " + have + " -> " + e.getValue());
                }
            }
            if (!grow.isEmpty()) {
                admin.createPartitions(grow).all().get(30, TimeUnit.SECONDS);
            }
            Set<String> all = new TreeSet<>(admin.listTopics().names().get(10, TimeUnit.SECONDS));
            System.out.println("topics: " + String.join(", ", all));
        }
    }

    private static void waitForBroker(Admin admin, long deadline) throws InterruptedException {
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        System.err.println("Kafka broker not ready in time" + (last == null ? "" : ": " + last));
        System.exit(1);
    }
}
