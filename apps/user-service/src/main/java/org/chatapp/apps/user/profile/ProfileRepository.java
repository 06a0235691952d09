package org.chatapp.apps.user.profile;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The user service's table of profiles. */
@Repository
class ProfileRepository {

    private static final RowMapper<Profile> ROW = (rs, row) -> new Profile(rs.getString(1), rs.getString(2), rs.getString(3));

    private final JdbcClient jdbc;

    ProfileRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts a profile; false when its id or user name exists already. */
    boolean insert(Profile profile) {
        return jdbc.sql("insert into profiles (user_id, username, display_name) values (?::uuid, ?, ?) on conflict do nothing")
                .params(profile.userId(), profile.username(), profile.displayName()).update() == 1;
    }

    Optional<Profile> find(String userId) {
        return jdbc.sql("select user_id, username, display_name from profiles where user_id = ?::uuid").param(userId).query(ROW).optional();
    }

    boolean updateDisplayName(String userId, String displayName) {
        return jdbc.sql("update profiles set display_name = ?, updated_at = now() where user_id = ?::uuid")
                .params(displayName, userId).update() == 1;
    }

    List<Profile> search(String term, int limit) {
        String like = term.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return jdbc.sql("""
                select user_id, username, display_name from profiles
                where username like ? or lower(display_name) like ? order by username limit ?""")
                .params(like, like, limit).query(ROW).list();
    }

    List<String> known(Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select user_id::text from profiles where user_id = any (?::uuid[])")
                .param(userIds.toArray(String[]::new)).query(String.class).list();
    }
}
