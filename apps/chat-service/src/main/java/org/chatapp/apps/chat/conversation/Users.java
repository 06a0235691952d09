package org.chatapp.apps.chat.conversation;

import java.util.List;
import java.util.Map;
import org.chatapp.apps.common.ApiException;
import org.chatapp.apps.common.InternalClients;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** The user service's contract for checking that member ids exist. */
@Component
class Users {

    private final RestClient users;

    Users(@Value("${chatapp.services.user-uri}") String userUri, Environment environment) {
        this.users = InternalClients.create(userUri, environment);
    }

    record Known(List<String> userIds) {
    }

    List<String> known(List<String> userIds) {
        try {
            Known known = users.post().uri("/internal/users/known").body(Map.of("userIds", userIds)).retrieve().body(Known.class);
            return known == null || known.userIds() == null ? List.of() : known.userIds();
        } catch (RestClientException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "the user service did not answer, try again");
        }
    }
}
