package com.example.chat;

import org.springframework.boot.SpringApplication;

// Runs the application against a local Redis (chatapp-redis-local, on the test class path only):
// ./mvnw spring-boot:test-run
public class TestChatApplication {

    public static void main(String[] args) {
        SpringApplication.from(ChatApplication::main).run(args);
    }
}
