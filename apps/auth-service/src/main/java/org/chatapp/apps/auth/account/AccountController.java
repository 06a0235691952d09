package org.chatapp.apps.auth.account;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import jakarta.servlet.http.HttpServletRequest;
import org.chatapp.apps.auth.session.Login;
import org.chatapp.apps.auth.session.Logins;
import org.chatapp.apps.auth.session.SessionDetails;
import org.chatapp.apps.common.ApiException;
import org.chatapp.apps.common.Inputs;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AccountController {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.-]{3,32}");
    /** A hash to check a password against when the user does not exist, so both cases take as long. */
    private static final String NO_USER_HASH = new BCryptPasswordEncoder().encode(UUID.randomUUID().toString());

    private final Accounts accounts;
    private final Profiles profiles;
    private final Logins logins;
    private final LoginThrottle throttle;
    private final BCryptPasswordEncoder passwords = new BCryptPasswordEncoder();

    AccountController(Accounts accounts, Profiles profiles, Logins logins, LoginThrottle throttle) {
        this.accounts = accounts;
        this.profiles = profiles;
        this.logins = logins;
        this.throttle = throttle;
    }

    record RegisterRequest(String username, String password, String displayName) {
    }

    record LoginRequest(String username, String password) {
    }

    @PostMapping("/api/auth/register")
    ResponseEntity<Map<String, String>> register(@RequestBody RegisterRequest request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        String username = username(request.username());
        String password = password(request.password());
        String displayName = Inputs.text(request.displayName(), "displayName", 64);
        String userId = UUID.randomUUID().toString();
        if (!accounts.create(userId, username, passwords.encode(password))) {
            throw ApiException.conflict("the username '" + username + "' is taken");
        }
        try {
            profiles.create(userId, username, displayName);
        } catch (RuntimeException e) {
            // No account without its profile: the user may register again.
            accounts.delete(userId);
            throw e;
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("userId", userId, "username", username, "displayName", displayName));
    }

    @PostMapping("/api/auth/login")
    ResponseEntity<Map<String, Object>> login(@RequestBody LoginRequest request, HttpServletRequest http) {
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        String username = Inputs.text(request.username(), "username", 64).toLowerCase(Locale.ROOT);
        String password = Inputs.text(request.password(), "password", 128);
        String address = ClientAddress.of(http);
        throttle.checkAllowed(username, address);
        Optional<Accounts.Account> account = accounts.byUsername(username);
        boolean matches = passwords.matches(password, account.map(Accounts.Account::passwordHash).orElse(NO_USER_HASH));
        if (account.isEmpty() || !matches) {
            throttle.recordFailure(username, address);
            throw ApiException.unauthorized("wrong username or password");
        }
        String userId = account.get().userId();
        Login login = logins.open(userId, new SessionDetails(address, http.getHeader(HttpHeaders.USER_AGENT)));
        return ResponseEntity.ok(Map.of("token", login.token(), "userId", userId, "expiresInSeconds", login.expiresIn().toSeconds()));
    }

    @PostMapping("/api/auth/logout")
    ResponseEntity<Void> logout(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7) || authorization.length() > 7 + 256) {
            throw ApiException.unauthorized("a bearer token is required");
        }
        // 204 for a token that had expired meanwhile too: either way it is no longer valid.
        logins.close(authorization.substring(7).strip());
        return ResponseEntity.noContent().build();
    }

    private static String username(String value) {
        if (value == null || !USERNAME.matcher(value).matches()) {
            throw ApiException.badRequest("'username' must be 3 to 32 letters, digits, '_', '.' or '-'");
        }
        return value.toLowerCase(Locale.ROOT);
    }

    private static String password(String value) {
        if (value == null || value.length() < 8 || value.length() > 72) {
            // BCrypt reads 72 bytes at most: a longer one would be cut silently.
            throw ApiException.badRequest("'password' must be 8 to 72 characters");
        }
        return value;
    }
}
