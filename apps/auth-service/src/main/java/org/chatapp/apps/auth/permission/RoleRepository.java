package org.chatapp.apps.auth.permission;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The auth service's table of roles per account. */
@Repository
class RoleRepository {

    private final JdbcClient jdbc;

    RoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns an account's roles in name order, empty when there is no such account. */
    Optional<List<String>> rolesOf(String userId) {
        // One query for both answers: no account (no row), or an account and its roles (null when it has none).
        return jdbc.sql("""
                select array_to_string(array(select role from account_roles r where r.user_id = a.user_id order by role), ',')
                from accounts a where a.user_id = ?::uuid""").param(userId).query(String.class).optional()
                .map(roles -> roles.isEmpty() ? List.of() : List.of(roles.split(",")));
    }

    /** Grants a role; false when the account does not exist. */
    boolean grant(String userId, String role) {
        return jdbc.sql("""
                insert into account_roles (user_id, role) select user_id, ? from accounts where user_id = ?::uuid
                on conflict do nothing""").params(role, userId).update() == 1 || exists(userId);
    }

    /** Revokes a role; false when the account does not exist. */
    boolean revoke(String userId, String role) {
        return jdbc.sql("delete from account_roles where user_id = ?::uuid and role = ?").params(userId, role).update() == 1
                || exists(userId);
    }

    private boolean exists(String userId) {
        return jdbc.sql("select count(*) from accounts where user_id = ?::uuid").param(userId).query(Long.class).single() > 0;
    }
}
