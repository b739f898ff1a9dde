package io.jvitess.mysql.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jvitess.common.errors.SqlState;
import io.jvitess.common.errors.VtCode;
import io.jvitess.common.errors.VtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Users from a JSON document in the format of Vitess's {@code --mysql_auth_static_file}:
 * <pre>{@code
 * {"user1": [{"Password": "pw", "UserData": "user1"}],
 *  "user2": [{"MysqlNativePassword": "*HEX", "UserData": "u2"}]}
 * }</pre>
 * A user maps to a list of entries (a single object is accepted too); a login succeeds if any
 * entry's password matches. {@code MysqlNativePassword} wins over {@code Password}; an entry with
 * neither has an empty password. Other Vitess keys (SourceHost, Groups) are ignored.
 */
public final class StaticAuthServer implements AuthServer {

    private static final Logger log = LoggerFactory.getLogger(StaticAuthServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Entry(byte[] stage2Hash, String userData) {
    }

    private final Map<String, List<Entry>> users;

    private StaticAuthServer(Map<String, List<Entry>> users) {
        this.users = Map.copyOf(users);
    }

    /**
     * Loads the users of a static auth file.
     *
     * @throws UncheckedIOException     the file cannot be read
     * @throws IllegalArgumentException the file is not valid static auth JSON; the message names the problem
     */
    public static StaticAuthServer fromFile(Path file) {
        requireNonNull(file, "file is null");
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read static auth file " + file + ": " + e.getMessage(), e);
        }
        try {
            return fromJson(json);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("static auth file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses static auth JSON; see the class comment for the format. */
    public static StaticAuthServer fromJson(String json) {
        requireNonNull(json, "json is null");
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object mapping user names to entries");
        }
        Map<String, List<Entry>> users = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> user : root.properties()) {
            JsonNode value = user.getValue();
            List<Entry> entries = new ArrayList<>();
            if (value.isArray()) {
                for (JsonNode entry : value) {
                    entries.add(parseEntry(user.getKey(), entry));
                }
            } else {
                entries.add(parseEntry(user.getKey(), value));
            }
            users.put(user.getKey(), List.copyOf(entries));
        }
        return new StaticAuthServer(users);
    }

    private static Entry parseEntry(String user, JsonNode entry) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException("user '" + user + "': each entry must be a JSON object");
        }
        String userData = entry.path("UserData").asText(user);
        JsonNode nativeHash = entry.get("MysqlNativePassword");
        if (nativeHash != null && !nativeHash.isNull() && !nativeHash.asText().isEmpty()) {
            try {
                return new Entry(NativePassword.parseHashString(nativeHash.asText()), userData);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("user '" + user + "': MysqlNativePassword: " + e.getMessage(), e);
            }
        }
        String password = entry.path("Password").asText("");
        return new Entry(password.isEmpty() ? new byte[0] : NativePassword.stage2Hash(password), userData);
    }

    /** The configured user names, e.g. for a startup log line. */
    public java.util.Set<String> userNames() {
        return users.keySet();
    }

    @Override
    public AuthenticatedUser authenticate(String user, byte[] scramble, byte[] scrambleResponse, String remoteAddress) {
        requireNonNull(user, "user is null");
        for (Entry entry : users.getOrDefault(user, List.of())) {
            if (NativePassword.verify(scramble, scrambleResponse, entry.stage2Hash())) {
                return new AuthenticatedUser(user, entry.userData());
            }
        }
        log.info("access denied for user '{}' from {}: {}", user, remoteAddress,
                users.containsKey(user) ? "wrong password" : "unknown user");
        throw VtException.of(VtCode.PERMISSION_DENIED, SqlState.ACCESS_DENIED, "Access denied for user '%s'", user);
    }

    @Override
    public String toString() {
        return "static(" + users.size() + " users)";
    }
}
