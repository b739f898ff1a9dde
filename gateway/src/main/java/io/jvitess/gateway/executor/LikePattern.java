package io.jvitess.gateway.executor;

import java.util.Optional;
import java.util.regex.Pattern;

/** SQL LIKE matching for SHOW ... LIKE filters answered by vtgate itself. */
final class LikePattern {

    private LikePattern() {
    }

    static boolean matches(Optional<String> like, String value) {
        if (like.isEmpty()) {
            return true;
        }
        StringBuilder regex = new StringBuilder();
        String pattern = like.get();
        for (int index = 0; index < pattern.length(); index++) {
            char character = pattern.charAt(index);
            if (character == '\\' && index + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++index))));
            } else if (character == '%') {
                regex.append(".*");
            } else if (character == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(character)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL).matcher(value).matches();
    }
}
