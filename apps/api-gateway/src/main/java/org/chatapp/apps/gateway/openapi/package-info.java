/** The OpenAPI description of the platform's public API, served by springdoc from the gateway. */
package org.chatapp.apps.gateway.openapi;
