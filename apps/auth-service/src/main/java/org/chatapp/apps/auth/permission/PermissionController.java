package org.chatapp.apps.auth.permission;

import java.util.List;
import java.util.Map;
import org.chatapp.apps.common.ApiException;
import org.chatapp.apps.common.Inputs;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The roles of a user, for the other services and for operators: under {@code /internal/}, which the
 * gateway never routes and the inner services' secret guards. The public API names no permission
 * call, so none is public.
 */
@RestController
class PermissionController {

    private final Permissions permissions;

    PermissionController(Permissions permissions) {
        this.permissions = permissions;
    }

    @GetMapping("/internal/auth/users/{userId}/roles")
    Map<String, Object> roles(@PathVariable String userId) {
        String id = Inputs.uuid(userId, "userId");
        List<String> roles = permissions.rolesOf(id).orElseThrow(() -> ApiException.notFound("no user " + id)).stream().sorted().toList();
        return Map.of("userId", id, "roles", roles);
    }

    @PutMapping("/internal/auth/users/{userId}/roles/{role}")
    ResponseEntity<Void> grant(@PathVariable String userId, @PathVariable String role) {
        String id = Inputs.uuid(userId, "userId");
        if (!permissions.grant(id, role(role))) {
            throw ApiException.notFound("no user " + id);
        }
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/internal/auth/users/{userId}/roles/{role}")
    ResponseEntity<Void> revoke(@PathVariable String userId, @PathVariable String role) {
        String id = Inputs.uuid(userId, "userId");
        if (!permissions.revoke(id, role(role))) {
            throw ApiException.notFound("no user " + id);
        }
        return ResponseEntity.noContent().build();
    }

    private static String role(String role) {
        if (!Permissions.isRole(role)) {
            throw ApiException.badRequest("'role' must be 1 to 32 of a-z, 0-9, '_', '-', starting with a letter");
        }
        return role;
    }
}
