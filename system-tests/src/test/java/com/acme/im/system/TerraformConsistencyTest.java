package com.acme.im.system;

import com.bertramlabs.plugins.hcl4j.HCLParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * terraform/ 必须与代码一致（只解析 HCL，不需要 terraform 或任何 provider）：
 * 每个 task-functions/*-function 恰好一个 Lambda 加一个事件源映射，订阅代码用的 Topic 与消费组，handler 类存在；
 * 每个常驻应用有一个服务，端口与健康路径取自它的 application.yml；服务与函数设置的每个环境变量都是对应
 * application.yml 读取的 ${IM_...} 占位符；代码用到的每个 Topic 都会被创建；AWS 环境里机密只来自 Secrets Manager。
 * 另外检查模块的形式：main/variables/outputs/versions/README 齐全，变量有类型与说明，provider 版本有约束。
 */
class TerraformConsistencyTest {

    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path TF = ROOT.resolve("terraform");
    static final List<String> ENVIRONMENTS = List.of("aws", "localstack");
    static final String HANDLER_BASE = "MicronautRequestHandler<KafkaEvent";

    /** 不是应用 application.yml 读的，而是 JVM 自己读的环境变量。 */
    static final Set<String> JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS");

    /** 机密：在 AWS 环境里只能经 Secrets Manager 给出，不能出现在明文环境变量里。 */
    static final Set<String> SECRET_VARIABLES = Set.of("IM_JWT_SECRET", "IM_DB_PASSWORD", "IM_KAFKA_SASL_JAAS_CONFIG",
            "IM_REDIS_URI", "IM_ES_DEFAULT_HEADERS", "IM_PUSH_API_KEY", "IM_ADMIN_PASSWORD");

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(IM_[A-Z0-9_]+)(?::`?([^}`]*)`?)?}");
    static final Pattern STRING_CONSTANT = Pattern.compile("public static final String (\\w+) = \"([^\"]*)\";");

    static Map<String, Object> catalog;
    static Map<String, Map<String, Object>> functions;
    static Map<String, Map<String, Object>> apps;
    static Map<String, String> topics;
    static Map<String, String> taskTypes;

    @BeforeAll
    static void load() throws IOException {
        catalog = locals(parseDir(TF.resolve("modules/catalog")));
        functions = castMapOfMaps(catalog.get("functions"), "catalog functions");
        apps = castMapOfMaps(catalog.get("apps"), "catalog apps");
        topics = constants("service-runtime/src/main/java/com/acme/im/runtime/kafka/Topics.java");
        taskTypes = constants("service-runtime/src/main/java/com/acme/im/runtime/kafka/TaskTypes.java");
        assertFalse(topics.isEmpty(), "no constants found in Topics.java");
        assertFalse(taskTypes.isEmpty(), "no constants found in TaskTypes.java");
    }

    // ------------------------------------------------------------------ 形式

    @Test
    void everyTerraformFileParsesAndEveryModuleHasTheStandardLayout() throws IOException {
        int files = 0;
        try (Stream<Path> s = Files.walk(TF)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".tf")).toList()) {
                parseFile(p);
                files++;
            }
        }
        assertTrue(files >= 40, "expected the terraform tree, found " + files + " .tf files");

        List<Path> modules;
        try (Stream<Path> s = Files.list(TF.resolve("modules"))) {
            modules = s.filter(Files::isDirectory).sorted().toList();
        }
        Set<String> names = new TreeSet<>(modules.stream().map(p -> p.getFileName().toString()).toList());
        assertTrue(names.containsAll(Set.of("network", "kafka", "database", "cache", "search", "discovery", "service", "task-function")),
                "modules: " + names);

        for (Path module : modules) {
            String name = module.getFileName().toString();
            for (String f : List.of("main.tf", "variables.tf", "outputs.tf", "versions.tf", "README.md")) {
                assertTrue(Files.exists(module.resolve(f)), "module " + name + " lacks " + f);
            }
            Map<String, Object> hcl = parseDir(module);
            String readme = Files.readString(module.resolve("README.md"));
            for (Map.Entry<String, Object> v : block(hcl, "variable").entrySet()) {
                Map<String, Object> body = castMap(v.getValue(), "variable " + v.getKey());
                assertNotNull(body.get("type"), "module " + name + ": variable " + v.getKey() + " has no type");
                assertTrue(body.get("description") instanceof String d && !d.isBlank(), "module " + name + ": variable " + v.getKey() + " has no description");
                assertTrue(readme.contains("`" + v.getKey() + "`"), "module " + name + ": README does not document input " + v.getKey());
            }
            for (Map.Entry<String, Object> o : block(hcl, "output").entrySet()) {
                Map<String, Object> body = castMap(o.getValue(), "output " + o.getKey());
                assertTrue(body.get("description") instanceof String d && !d.isBlank(), "module " + name + ": output " + o.getKey() + " has no description");
                assertTrue(readme.contains("`" + o.getKey() + "`"), "module " + name + ": README does not document output " + o.getKey());
            }
            assertProvidersPinned(parseFile(module.resolve("versions.tf")), "module " + name);
        }
        for (String env : ENVIRONMENTS) {
            Path dir = TF.resolve("environments").resolve(env);
            assertTrue(Files.exists(dir.resolve("README.md")), env + " has no README");
            assertProvidersPinned(parseFile(dir.resolve("versions.tf")), "environment " + env);
            for (Map.Entry<String, Object> v : block(parseDir(dir), "variable").entrySet()) {
                Map<String, Object> body = castMap(v.getValue(), "variable " + v.getKey());
                assertNotNull(body.get("type"), env + ": variable " + v.getKey() + " has no type");
                assertTrue(body.get("description") instanceof String d && !d.isBlank(), env + ": variable " + v.getKey() + " has no description");
            }
        }
    }

    // ------------------------------------------------------------------ 函数

    @Test
    void everyFunctionModuleHasExactlyOneLambdaOnItsTopicAndConsumerGroup() throws IOException {
        List<String> functionModules;
        try (Stream<Path> s = Files.list(ROOT.resolve("task-functions"))) {
            functionModules = s.filter(p -> p.getFileName().toString().endsWith("-function") && Files.exists(p.resolve("pom.xml")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertFalse(functionModules.isEmpty());

        Map<String, String> moduleToKey = new TreeMap<>();
        functions.forEach((key, fn) -> {
            String module = str(fn.get("module"));
            assertTrue(functionModules.contains(module), "catalog function " + key + " names module " + module + " which does not exist");
            assertEquals(null, moduleToKey.put(module, key), "module " + module + " appears twice in the catalog");
        });
        assertEquals(functionModules, List.copyOf(moduleToKey.keySet()), "every function module needs exactly one catalog entry");

        for (String module : functionModules) {
            Map<String, Object> fn = functions.get(moduleToKey.get(module));
            String type = str(fn.get("task_type"));
            assertEquals(moduleToKey.get(module), type, module + ": the for_each key must be the task type (deploy-function.sh uses it)");
            assertTrue(taskTypes.containsValue(type), module + ": task type " + type + " is not in TaskTypes " + taskTypes.values());
            String constant = taskTypes.entrySet().stream().filter(e -> e.getValue().equals(type)).findFirst().orElseThrow().getKey();
            assertTrue(sources(ROOT.resolve("task-functions").resolve(module)).contains("TaskTypes." + constant),
                    module + " does not process TaskTypes." + constant);
            assertEquals(topics.get("TASK_PREFIX") + type, fn.get("topic"), module + ": topic must be Topics.task(\"" + type + "\")");

            Map<String, Object> yml = yaml(ROOT.resolve("task-functions").resolve(module));
            String group = Stream.of(path(yml, "im.task.consumer.group-id"), path(yml, "micronaut.application.name"))
                    .filter(v -> v != null).map(v -> defaultOf(v.toString())).findFirst().orElseThrow();
            assertEquals(group, fn.get("consumer_group"), module + ": consumer group must be the one the code uses");

            String handler = str(fn.get("handler"));
            assertEquals(catalog.get("lambda_handler"), handler, module + ": handler");
            assertTrue(Files.readString(ROOT.resolve("task-functions").resolve(module).resolve("pom.xml")).contains("<artifactId>task-dispatcher</artifactId>"),
                    module + " must depend on task-dispatcher, where the handler lives");
            for (String k : List.of("partitions", "memory_size", "timeout", "batch_size")) {
                assertTrue(fn.get(k) instanceof Number, module + ": " + k + " must be a number");
            }
        }

        // handler 类存在，且是 KafkaEvent 的 MicronautRequestHandler
        String handler = str(catalog.get("lambda_handler"));
        Path source = ROOT.resolve("task-functions/task-dispatcher/src/main/java").resolve(handler.replace('.', '/') + ".java");
        assertTrue(Files.exists(source), "handler class " + handler + " not found at " + source);
        assertTrue(Files.readString(source).contains(HANDLER_BASE), handler + " must extend " + HANDLER_BASE + ", ...>");

        // task-function 模块：恰好一个函数、一个映射，映射订阅模块变量里的 Topic 与消费组
        Map<String, Object> tfModule = parseDir(TF.resolve("modules/task-function"));
        Map<String, Object> resources = block(tfModule, "resource");
        Map<String, Object> lambdas = castMap(resources.get("aws_lambda_function"), "aws_lambda_function");
        Map<String, Object> mappings = castMap(resources.get("aws_lambda_event_source_mapping"), "aws_lambda_event_source_mapping");
        assertEquals(1, lambdas.size(), "task-function must create exactly one Lambda");
        assertEquals(1, mappings.size(), "task-function must create exactly one event source mapping");
        Map<String, Object> lambda = castMap(lambdas.values().iterator().next(), "lambda");
        assertEquals("var.handler", str(lambda.get("handler")));
        Map<String, Object> mapping = castMap(mappings.values().iterator().next(), "mapping");
        assertEquals(List.of("var.topic"), ((Collection<?>) mapping.get("topics")).stream().map(Object::toString).toList());
        assertEquals("var.starting_position", str(mapping.get("starting_position")));
        assertEquals("var.batch_size", str(mapping.get("batch_size")));
        String mappingText = text(TF.resolve("modules/task-function/main.tf"));
        assertTrue(Pattern.compile("amazon_managed_kafka_event_source_config\"\\s*\\{[^}]*\\{\\s*consumer_group_id\\s*=\\s*var\\.consumer_group_id", Pattern.DOTALL)
                .matcher(mappingText).find(), "the MSK mapping must use var.consumer_group_id");
        assertNotNull(path(mapping, "destination_config.on_failure.destination_arn"), "the mapping needs an on-failure destination");
        assertNotNull(resources.get("aws_iam_role"), "the function needs its own role");
        assertNotNull(resources.get("aws_cloudwatch_log_group"), "the function needs its own log group");

        // 两个环境都用同一个 catalog 的 for_each 实例化函数，并把条目原样传给模块
        for (String env : ENVIRONMENTS) {
            Map<String, Object> m = castMap(block(parseDir(TF.resolve("environments").resolve(env)), "module").get("task_function"),
                    env + " module.task_function");
            assertEquals("../../modules/task-function", m.get("source"), env);
            assertEquals("module.catalog.functions", str(m.get("for_each")), env + ": functions must come from the catalog map");
            assertEquals("each.value.topic", str(m.get("topic")), env);
            assertEquals("each.value.consumer_group", str(m.get("consumer_group_id")), env);
            assertEquals("each.value.handler", str(m.get("handler")), env);
            assertTrue(text(TF.resolve("environments").resolve(env).resolve("main.tf"))
                            .contains("/task-functions/${each.value.module}/target/${each.value.module}-lambda.jar"),
                    env + ": package_path must be the -Plambda jar of the function's module");
        }
    }

    // ------------------------------------------------------------------ 常驻应用

    @Test
    void everyAppHasAServiceWithThePortsAndHealthPathOfItsConfiguration() throws IOException {
        List<String> appModules;
        try (Stream<Path> s = Files.list(ROOT)) {
            appModules = s.filter(p -> p.getFileName().toString().endsWith("-app") && Files.exists(p.resolve("src/main/resources/application.yml")))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertEquals(appModules, List.copyOf(new TreeSet<>(apps.keySet())), "every app module needs exactly one catalog entry");

        for (String app : appModules) {
            Map<String, Object> yml = yaml(ROOT.resolve(app));
            Map<String, Object> spec = apps.get(app);
            int http = Integer.parseInt(defaultOf(str(path(yml, "micronaut.server.port"))));
            assertEquals(http, num(spec.get("http_port")), app + ": http_port");
            Object mgmt = path(yml, "endpoints.all.port");
            int management = mgmt == null ? http : Integer.parseInt(defaultOf(mgmt.toString()));
            assertEquals(management, num(spec.get("management_port")), app + ": management_port (endpoints.all.port or the HTTP port)");
            boolean grpcOn = !"false".equals(String.valueOf(path(yml, "grpc.server.enabled")));
            Object grpcPort = path(yml, "grpc.server.port");
            int grpc = grpcOn && grpcPort != null ? Integer.parseInt(defaultOf(grpcPort.toString())) : 0;
            assertEquals(grpc, num(spec.get("grpc_port")), app + ": grpc_port");
            assertNotEquals("false", String.valueOf(path(yml, "endpoints.health.enabled")), app + ": health endpoint disabled");
            Object healthPath = path(yml, "endpoints.health.path");
            String base = healthPath == null ? "/health" : healthPath.toString();
            assertEquals(base + "/readiness", spec.get("health_path"), app + ": health_path");
            assertEquals(base + "/liveness", spec.get("liveness_path"), app + ": liveness_path");
        }

        Map<String, Object> aws = parseDir(TF.resolve("environments/aws"));
        Map<String, Object> service = castMap(block(aws, "module").get("service"), "module.service");
        assertEquals("../../modules/service", service.get("source"));
        assertEquals("module.catalog.apps", str(service.get("for_each")), "one service per catalog app");
        Map<String, Object> health = castMap(service.get("health_check"), "health_check");
        assertEquals("each.value.management_port", str(health.get("port")));
        assertEquals("each.value.health_path", str(health.get("path")));
        assertEquals("local.app_environment.each.key", str(service.get("environment")).replace("[", ".").replace("]", ""),
                "service environment must come from local.app_environment");
        String awsMain = text(TF.resolve("environments/aws/main.tf"));
        for (String port : List.of("http_port", "management_port", "grpc_port")) {
            assertTrue(awsMain.contains("port = each.value." + port), "the service must expose " + port);
        }
        assertTrue(awsMain.contains("container_port    = each.value.http_port"), "the load balancer must forward to the gateway's HTTP port");

        // 模块里容器健康检查与负载均衡探活都用 var.health_check
        String serviceMain = text(TF.resolve("modules/service/main.tf"));
        assertTrue(serviceMain.contains("var.health_check.port") && serviceMain.contains("var.health_check.path"));
        assertTrue(serviceMain.contains("protocol_version     = \"HTTP1\""), "WebSocket upgrades need HTTP/1.1 to the targets");

        // 负载均衡的空闲超时必须长于网关的 WebSocket 心跳超时
        Map<String, Object> gatewayYml = yaml(ROOT.resolve("gateway-app"));
        long heartbeat = seconds(defaultOf(str(path(gatewayYml, "im.gateway.idle-timeout"))));
        Map<String, Object> idle = castMap(block(aws, "variable").get("alb_idle_timeout"), "variable alb_idle_timeout");
        assertTrue(num(idle.get("default")) > heartbeat, "alb_idle_timeout " + idle.get("default") + " must exceed the heartbeat timeout " + heartbeat + "s");
        Map<String, Object> lbVar = castMap(block(parseDir(TF.resolve("modules/service")), "variable").get("load_balancer"), "load_balancer");
        assertTrue(text(TF.resolve("modules/service/variables.tf")).contains("idle_timeout         = optional(number, 300)"), "module default idle timeout");
        assertNotNull(lbVar.get("validation"));

        // 槽位：网关 ID 经 IM_GATEWAY_ID 传入，它必须是网关配置读取的占位符
        Map<String, Object> slotVar = castMap(block(parseDir(TF.resolve("modules/service")), "variable").get("slot_environment_variable"), "slot var");
        assertTrue(placeholders(ROOT.resolve("gateway-app")).containsKey(str(slotVar.get("default"))), "the gateway must read " + slotVar.get("default"));
        assertTrue(awsMain.contains("slots         = each.value.public ? module.catalog.gateway_ids : []"), "gateway slots must be the catalog's gateway ids");
    }

    // ------------------------------------------------------------------ 环境变量

    @Test
    void everyEnvironmentVariableTheInfrastructureSetsIsReadByTheApp() throws IOException {
        for (String env : ENVIRONMENTS) {
            Map<String, Object> locals = locals(parseDir(TF.resolve("environments").resolve(env)));

            if (locals.containsKey("app_environment")) {
                Map<String, Map<String, Object>> plain = castMapOfMaps(locals.get("app_environment"), env + " app_environment");
                Map<String, Map<String, Object>> secret = castMapOfMaps(locals.get("app_secrets"), env + " app_secrets");
                assertEquals(new TreeSet<>(apps.keySet()), new TreeSet<>(plain.keySet()), env + ": app_environment needs one entry per app");
                assertEquals(new TreeSet<>(apps.keySet()), new TreeSet<>(secret.keySet()), env + ": app_secrets needs one entry per app");
                for (String app : apps.keySet()) {
                    Map<String, String> read = placeholders(ROOT.resolve(app));
                    assertRead(env + " " + app, read, plain.get(app).keySet());
                    assertRead(env + " " + app, read, secret.get(app).keySet());
                    if ("aws".equals(env)) {
                        for (String name : plain.get(app).keySet()) {
                            assertFalse(SECRET_VARIABLES.contains(name), "aws " + app + ": " + name + " is a secret and must come from app_secrets");
                        }
                        // 代码里带开发默认值的机密必须由 Secrets Manager 给出
                        for (String name : SECRET_VARIABLES) {
                            if (read.containsKey(name) && !name.equals("IM_PUSH_API_KEY") && !name.equals("IM_ES_DEFAULT_HEADERS")
                                    && !name.equals("IM_KAFKA_SASL_JAAS_CONFIG")) {
                                assertTrue(secret.get(app).containsKey(name), "aws " + app + " reads " + name + " but the environment does not supply it");
                            }
                        }
                        if (read.containsKey("IM_PRODUCTION")) {
                            assertEquals("true", plain.get(app).get("IM_PRODUCTION"), "aws " + app + " must run with IM_PRODUCTION=true");
                        }
                    }
                }
            }

            Map<String, Object> common = castMap(locals.get("function_environment"), env + " function_environment");
            Map<String, Object> commonSecrets = castMap(locals.get("function_secrets"), env + " function_secrets");
            Map<String, Object> repo = castMap(locals.get("function_repo_environment"), env + " function_repo_environment");
            Map<String, Map<String, Object>> extra = castMapOfMaps(locals.get("function_extra_environment"), env + " function_extra_environment");
            Map<String, Map<String, Object>> extraSecrets = castMapOfMaps(locals.get("function_extra_secrets"), env + " function_extra_secrets");
            for (String key : extra.keySet()) {
                assertTrue(functions.containsKey(key), env + ": function_extra_environment." + key + " is not a catalog function");
            }
            for (String key : extraSecrets.keySet()) {
                assertTrue(functions.containsKey(key), env + ": function_extra_secrets." + key + " is not a catalog function");
            }
            for (Map.Entry<String, Map<String, Object>> fn : functions.entrySet()) {
                Map<String, String> read = placeholders(ROOT.resolve("task-functions").resolve(str(fn.getValue().get("module"))));
                Set<String> names = new LinkedHashSet<>();
                names.addAll(common.keySet());
                names.addAll(commonSecrets.keySet());
                names.addAll(castMap(fn.getValue().get("environment"), "environment").keySet());
                if (Boolean.TRUE.equals(fn.getValue().get("needs_repo"))) {
                    names.addAll(repo.keySet());
                }
                names.addAll(extra.getOrDefault(fn.getKey(), Map.of()).keySet());
                names.addAll(extraSecrets.getOrDefault(fn.getKey(), Map.of()).keySet());
                assertRead(env + " function " + fn.getKey(), read, names);
                if ("aws".equals(env)) {
                    for (String name : common.keySet()) {
                        assertFalse(SECRET_VARIABLES.contains(name), "aws functions: " + name + " is a secret and must come from function_secrets");
                    }
                }
            }
            String main = text(TF.resolve("environments").resolve(env).resolve("main.tf"));
            for (String wiring : List.of("local.function_environment,", "each.value.environment,",
                    "{ for k, v in local.function_repo_environment : k => v if each.value.needs_repo }",
                    "try(local.function_extra_environment[each.key], {})",
                    "secret_environment = merge(local.function_secrets, try(local.function_extra_secrets[each.key], {}))")) {
                assertTrue(main.contains(wiring), env + ": the functions' environment must be built from " + wiring);
            }
        }
    }

    // ------------------------------------------------------------------ Topic

    @Test
    void everyTopicTheCodeUsesIsCreatedWithAConfigurableReplicationFactor() throws IOException {
        Map<String, Object> fixed = castMap(catalog.get("fixed_topics"), "fixed_topics");
        for (Map.Entry<String, String> t : topics.entrySet()) {
            if (!t.getKey().endsWith("_PREFIX")) {
                assertTrue(fixed.containsKey(t.getValue()), "topic Topics." + t.getKey() + " = " + t.getValue() + " is not created");
            }
        }
        for (String type : taskTypes.values()) {
            assertTrue(functions.values().stream().anyMatch(f -> (topics.get("TASK_PREFIX") + type).equals(f.get("topic"))),
                    "task topic for " + type + " is not created (no catalog function)");
        }
        assertEquals(topics.get("DOWNSTREAM_PREFIX"), catalog.get("downstream_topic_prefix"), "downstream prefix");
        Map<String, Object> gatewayYml = yaml(ROOT.resolve("gateway-app"));
        assertEquals(Integer.parseInt(defaultOf(str(path(gatewayYml, "im.gateway.downstream-partitions")))), num(catalog.get("downstream_partitions")),
                "downstream partitions");
        String catalogMain = text(TF.resolve("modules/catalog/main.tf"));
        for (String part : List.of("{ for name, partitions in local.fixed_topics : name => partitions }",
                "{ for key, fn in local.functions : fn.topic => fn.partitions }",
                "format(\"%s%s\", local.downstream_topic_prefix, id) => local.downstream_partitions",
                "gateway_ids = [for i in range(var.gateway_slots) : format(\"gw-%d\", i)]")) {
            assertTrue(catalogMain.contains(part), "catalog kafka_topics must include " + part);
        }

        // 分区数与本地脚本一致，本地脚本建的每个 Topic 这里也建
        Matcher m = Pattern.compile("^\\s*\"([a-z0-9._-]+):(\\d+)\"\\s*$", Pattern.MULTILINE).matcher(text(ROOT.resolve("scripts/infra.sh")));
        Map<String, Integer> local = new TreeMap<>();
        while (m.find()) {
            local.put(m.group(1), Integer.parseInt(m.group(2)));
        }
        assertFalse(local.isEmpty(), "no KAFKA_TOPICS in scripts/infra.sh");
        Map<String, Integer> created = new TreeMap<>();
        fixed.forEach((k, v) -> created.put(k, num(v)));
        functions.values().forEach(f -> created.put(str(f.get("topic")), num(f.get("partitions"))));
        assertEquals(local, created, "topics and partitions must match scripts/infra.sh");

        // AWS：kafka 模块创建 catalog 的全部 Topic；网关自己建的 Topic 的副本数由环境变量给出
        Map<String, Object> aws = parseDir(TF.resolve("environments/aws"));
        Map<String, Object> kafka = castMap(block(aws, "module").get("kafka"), "module.kafka");
        assertEquals("module.catalog.kafka_topics", str(kafka.get("topics")));
        String kafkaMain = text(TF.resolve("modules/kafka/main.tf"));
        assertTrue(kafkaMain.contains("resource \"kafka_topic\" \"this\"") && kafkaMain.contains("replication_factor = var.default_replication_factor"));
        String gatewayText = text(ROOT.resolve("gateway-app/src/main/resources/application.yml"));
        Map<String, Map<String, Object>> appEnv = castMapOfMaps(locals(aws).get("app_environment"), "app_environment");
        for (String[] rf : List.of(new String[]{"downstream-replication-factor", "IM_DOWNSTREAM_REPLICATION"},
                new String[]{"revocation-replication-factor", "IM_REVOCATION_REPLICATION"})) {
            assertTrue(Pattern.compile(rf[0] + ":\\s*\\$\\{" + rf[1] + ":").matcher(gatewayText).find(),
                    "gateway " + rf[0] + " must be configurable with " + rf[1]);
            assertTrue(appEnv.get("gateway-app").containsKey(rf[1]), "aws must set " + rf[1] + " (MSK refuses replication factor 1 writes with acks=all)");
        }
    }

    // ------------------------------------------------------------------ 辅助

    static void assertRead(String where, Map<String, String> read, Collection<String> names) {
        for (String name : names) {
            if (JVM_VARIABLES.contains(name)) {
                continue;
            }
            assertTrue(read.containsKey(name), where + " sets " + name + " but its application.yml has no ${" + name + "} placeholder");
        }
    }

    static void assertNotEquals(String unexpected, String actual, String message) {
        if (unexpected.equals(actual)) {
            fail(message);
        }
    }

    static void assertProvidersPinned(Map<String, Object> versions, String where) {
        Map<String, Object> terraform = castMap(versions.get("terraform"), where + " terraform block");
        assertNotNull(terraform.get("required_version"), where + ": required_version");
        Object providers = terraform.get("required_providers");
        if (providers == null) {
            return;
        }
        castMap(providers, where + " required_providers").forEach((name, spec) -> {
            Map<String, Object> p = castMap(spec, where + " provider " + name);
            assertTrue(p.get("source") instanceof String, where + ": provider " + name + " needs a source");
            assertTrue(p.get("version") instanceof String v && v.matches(".*\\d.*"), where + ": provider " + name + " needs a version constraint");
        });
    }

    /** application.yml 里的 ${IM_...} 占位符：名字到默认值。 */
    static Map<String, String> placeholders(Path module) throws IOException {
        Map<String, String> found = new TreeMap<>();
        Matcher m = PLACEHOLDER.matcher(text(module.resolve("src/main/resources/application.yml")));
        while (m.find()) {
            found.put(m.group(1), m.group(2) == null ? "" : m.group(2));
        }
        return found;
    }

    /** "${IM_X:8080}" 取默认值 8080；不是占位符就原样返回。 */
    static String defaultOf(String value) {
        Matcher m = PLACEHOLDER.matcher(value);
        return m.matches() ? (m.group(2) == null ? "" : m.group(2)) : value;
    }

    static long seconds(String duration) {
        Matcher m = Pattern.compile("(\\d+)(ms|s|m|h)").matcher(duration.trim());
        assertTrue(m.matches(), "duration " + duration);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> n / 1000;
            case "m" -> n * 60;
            case "h" -> n * 3600;
            default -> n;
        };
    }

    static Map<String, String> constants(String relative) throws IOException {
        Map<String, String> found = new LinkedHashMap<>();
        Matcher m = STRING_CONSTANT.matcher(text(ROOT.resolve(relative)));
        while (m.find()) {
            found.put(m.group(1), m.group(2));
        }
        return found;
    }

    static String sources(Path module) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> s = Files.walk(module.resolve("src/main/java"))) {
            for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
                all.append(Files.readString(p));
            }
        }
        return all.toString();
    }

    static Map<String, Object> yaml(Path module) throws IOException {
        return new Yaml().load(text(module.resolve("src/main/resources/application.yml")));
    }

    /** 按点分路径取 YAML/HCL 里的值；YAML 键本身可能带点（如 max.poll.records），这里不需要。 */
    static Object path(Map<String, Object> root, String dotted) {
        Object cur = root;
        for (String part : dotted.split("\\.")) {
            if (!(cur instanceof Map<?, ?> map)) {
                return null;
            }
            cur = map.get(part);
        }
        return cur;
    }

    static String text(Path p) throws IOException {
        return Files.readString(p);
    }

    static Map<String, Object> parseFile(Path file) {
        try {
            return new HCLParser().parse(file.toFile(), "UTF-8");
        } catch (Exception e) {
            throw new AssertionError("cannot parse " + ROOT.relativize(file) + ": " + e, e);
        }
    }

    /** 一个目录下所有 .tf 的合并结果（顶层块按类型、名字合并）。 */
    static Map<String, Object> parseDir(Path dir) throws IOException {
        Map<String, Object> merged = new LinkedHashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".tf")).sorted().toList()) {
                merge(merged, parseFile(f));
            }
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    static void merge(Map<String, Object> into, Map<String, Object> from) {
        for (Map.Entry<String, Object> e : from.entrySet()) {
            Object existing = into.get(e.getKey());
            if (existing instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
                merge((Map<String, Object>) a, (Map<String, Object>) b);
            } else {
                into.put(e.getKey(), e.getValue());
            }
        }
    }

    static Map<String, Object> block(Map<String, Object> hcl, String type) {
        Object b = hcl.get(type);
        return b == null ? Map.of() : castMap(b, type);
    }

    static Map<String, Object> locals(Map<String, Object> hcl) {
        return castMap(hcl.get("locals"), "locals");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o, String what) {
        if (!(o instanceof Map<?, ?>)) {
            fail(what + " must be a literal map in the HCL, found " + (o == null ? "nothing" : o.getClass().getSimpleName() + " " + o));
        }
        return (Map<String, Object>) o;
    }

    static Map<String, Map<String, Object>> castMapOfMaps(Object o, String what) {
        Map<String, Map<String, Object>> result = new LinkedHashMap<>();
        castMap(o, what).forEach((k, v) -> result.put(k, castMap(v, what + "." + k)));
        return result;
    }

    static String str(Object o) {
        return o == null ? null : o.toString();
    }

    static int num(Object o) {
        assertTrue(o instanceof Number, "expected a number, found " + o);
        return ((Number) o).intValue();
    }
}
