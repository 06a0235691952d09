package org.chatapp.apps.user.profile;

import java.util.List;
import java.util.Map;
import org.chatapp.apps.common.ApiException;
import org.chatapp.apps.common.Caller;
import org.chatapp.apps.common.Inputs;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ProfileController {

    private final Profiles profiles;
    private final ProfileRepository repository;

    ProfileController(Profiles profiles, ProfileRepository repository) {
        this.profiles = profiles;
        this.repository = repository;
    }

    record UpdateRequest(String displayName) {
    }

    record KnownRequest(List<String> userIds) {
    }

    @GetMapping("/api/users/{userId}")
    Profile get(@PathVariable String userId) {
        String id = Inputs.uuid(userId, "userId");
        return profiles.find(id).orElseThrow(() -> ApiException.notFound("no user " + id));
    }

    @PatchMapping("/api/users/me")
    Profile update(Caller caller, @RequestBody UpdateRequest request) {
        if (request == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        String displayName = Inputs.text(request.displayName(), "displayName", 64);
        return profiles.updateDisplayName(caller.userId(), displayName).orElseThrow(() -> ApiException.notFound("no profile for the caller"));
    }

    @GetMapping("/api/users")
    List<Profile> search(@RequestParam(name = "search", defaultValue = "") String search) {
        String term = search.strip();
        if (term.length() > 64) {
            throw ApiException.badRequest("'search' must be at most 64 characters");
        }
        return profiles.search(term);
    }

    /** The auth service's call when an account is made. */
    @PostMapping("/internal/users")
    ResponseEntity<Profile> create(@RequestBody Profile profile) {
        if (profile == null) {
            throw ApiException.badRequest("a JSON body is required");
        }
        Profile created = new Profile(Inputs.uuid(profile.userId(), "userId"), Inputs.text(profile.username(), "username", 32),
                Inputs.text(profile.displayName(), "displayName", 64));
        if (!profiles.create(created)) {
            throw ApiException.conflict("the profile exists already");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(created);
    }

    /** Which of these user ids exist: the chat service's check of a conversation's members. */
    @PostMapping("/internal/users/known")
    Map<String, List<String>> known(@RequestBody KnownRequest request) {
        if (request == null || request.userIds() == null || request.userIds().size() > 1000) {
            throw ApiException.badRequest("'userIds' must be a list of at most 1000 ids");
        }
        List<String> ids = request.userIds().stream().map(id -> Inputs.uuid(id, "userIds")).distinct().toList();
        return Map.of("userIds", repository.known(ids));
    }
}
