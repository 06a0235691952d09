package org.chatapp.apps.auth.account;

import java.util.Optional;
import org.chatapp.apps.auth.permission.Permissions;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The auth service's table: who may log in, with which password hash. */
@Repository
class Accounts {

    record Account(String userId, String username, String passwordHash) {
        @Override
        public String toString() {
            return "Account[" + userId + ", " + username + "]";
        }
    }

    private final JdbcClient jdbc;

    Accounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates an account with the {@link Permissions#DEFAULT_ROLE default role}; false when the user name is taken. */
    boolean create(String userId, String username, String passwordHash) {
        try {
            // One statement: no account is ever seen without its role.
            jdbc.sql("""
                    with account as (insert into accounts (user_id, username, password_hash) values (?::uuid, ?, ?) returning user_id)
                    insert into account_roles (user_id, role) select user_id, ? from account""")
                    .params(userId, username, passwordHash, Permissions.DEFAULT_ROLE).update();
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    void delete(String userId) {
        jdbc.sql("delete from accounts where user_id = ?::uuid").param(userId).update();
    }

    Optional<Account> byUsername(String username) {
        return jdbc.sql("select user_id, username, password_hash from accounts where username = ?").param(username)
                .query((rs, row) -> new Account(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }
}
