package nl.kennisveiligheid.screening.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Both languages say every word of the console: each key of ConsoleMessages has an English and a Dutch text. */
class ConsoleMessageFilesTest {

    private static Set<String> keys(String file) throws Exception {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(ConsoleMessageFilesTest.class.getResourceAsStream("/messages/" + file),
                StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties.stringPropertyNames();
    }

    @Test
    void everyKeyHasAnEnglishAndADutchTextAndNoFileHasStrayKeys() throws Exception {
        Set<String> declared = Arrays.stream(ConsoleMessages.class.getDeclaredMethods()).map(m -> m.getName())
                .collect(Collectors.toSet());
        assertThat(declared).hasSizeGreaterThan(100);
        assertThat(keys("msg_en.properties")).isEqualTo(declared);
        assertThat(keys("msg_nl.properties")).isEqualTo(declared);
    }

    /** Qute reads the files as UTF-8 text and does not decode Java escapes: a \\uXXXX would show literally. */
    @Test
    void theTextsAreWrittenInUtf8WithoutJavaEscapes() throws Exception {
        for (String file : List.of("msg_en.properties", "msg_nl.properties")) {
            String text = new String(ConsoleMessageFilesTest.class.getResourceAsStream("/messages/" + file).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertThat(text).as(file).doesNotContainPattern("\\\\u[0-9a-fA-F]{4}");
        }
    }
}
