package dev.leeway.command.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;

/**
 * Text in a request body may hold line breaks and tabs, and no other control character: NUL is refused by
 * PostgreSQL (a 500 once it reached the store), and the rest make no sense in names, codes or notes. Unpaired
 * surrogates (text that is not Unicode) are refused too. Registered with Spring's ObjectMapper as a module.
 */
@Configuration(proxyBeanMethods = false)
class TextRules {

    @Bean
    SimpleModule textWithoutControlCharacters() {
        return new SimpleModule("leeway-text").addDeserializer(String.class, new CleanText());
    }

    /** Why a value was refused; the API answers it as VALIDATION_FAILED against the field. */
    static final class UnacceptableText extends JsonMappingException {
        UnacceptableText(JsonParser parser, String message) {
            super(parser, message);
        }
    }

    static final class CleanText extends StdScalarDeserializer<String> {

        CleanText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null) {
                String problem = problem(text);
                if (problem != null) {
                    throw new UnacceptableText(parser, problem);
                }
            }
            return text;
        }

        static String problem(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                    return "must not contain control characters (found U+%04X)".formatted((int) c);
                }
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return "must be valid Unicode text (found an unpaired surrogate)";
                }
            }
            return null;
        }
    }
}
