package org.chatapp.apps.auth.account;

import java.util.Map;
import org.chatapp.apps.common.ApiException;
import org.chatapp.apps.common.InternalClients;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** The user service's contract for creating the profile of a new account. */
@Component
class Profiles {

    private final RestClient users;

    Profiles(@Value("${chatapp.services.user-uri}") String userUri, Environment environment) {
        this.users = InternalClients.create(userUri, environment);
    }

    void create(String userId, String username, String displayName) {
        try {
            users.post().uri("/internal/users").body(Map.of("userId", userId, "username", username, "displayName", displayName))
                    .retrieve().toBodilessEntity();
        } catch (RestClientException e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "the user service did not take the profile, try again");
        }
    }
}
