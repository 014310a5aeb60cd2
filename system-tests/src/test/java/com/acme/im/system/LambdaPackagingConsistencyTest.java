package com.acme.im.system;

import com.acme.im.testsupport.AppProcess;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * task-functions/pom.xml 里有两份“Lambda 不带的依赖”清单：shade 打包的 artifactSet/excludes（可用通配符），
 * 与按同样精简类路径运行 *LambdaClasspathTest 的 classpathDependencyExcludes（只能逐个列出）。
 * Maven 不能让两处引用同一份清单，所以由本测试保证它们一致：改了一处忘了另一处时构建失败。
 */
class LambdaPackagingConsistencyTest {

    @Test
    void shadeExcludesAndTheLambdaClasspathTestExcludesNameTheSameDependencies() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(AppProcess.repoRoot().resolve("task-functions/pom.xml").toFile());
        List<String> testExcludes = texts(pom.getElementsByTagName("classpathDependencyExclude"));
        List<String> shadeExcludes = new ArrayList<>();
        NodeList sets = pom.getElementsByTagName("artifactSet");
        for (int i = 0; i < sets.getLength(); i++) {
            shadeExcludes.addAll(texts(((org.w3c.dom.Element) sets.item(i)).getElementsByTagName("exclude")));
        }
        assertFalse(testExcludes.isEmpty(), "no classpathDependencyExclude found");
        assertFalse(shadeExcludes.isEmpty(), "no shade artifactSet exclude found");
        for (String dependency : testExcludes) {
            assertTrue(shadeExcludes.stream().anyMatch(p -> matches(p, dependency)),
                    dependency + " is left out of the Lambda classpath test but still shaded into the Lambda jar");
        }
        for (String pattern : shadeExcludes) {
            assertTrue(testExcludes.stream().anyMatch(d -> matches(pattern, d)),
                    pattern + " is left out of the Lambda jar but still on the Lambda classpath test's classpath");
        }
    }

    private static boolean matches(String shadePattern, String dependency) {
        return Pattern.compile(Pattern.quote(shadePattern).replace("*", "\\E[^:]*\\Q")).matcher(dependency).matches();
    }

    private static List<String> texts(NodeList nodes) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add(nodes.item(i).getTextContent().trim());
        }
        return out;
    }
}
