package org.chatapp.apps.auth.session;

import org.chatapp.redis.ValueCodec;
import org.chatapp.redis.session.SessionStore;
import org.chatapp.redis.spring.session.SessionStores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

    /** The login sessions, with the starter's chatapp.redis.session.* settings; replaces its store of text payloads. */
    @Bean
    SessionStore<SessionDetails> loginSessionStore(SessionStores stores) {
        return stores.create(ValueCodec.json(SessionDetails.class));
    }
}
