/** chat-local: the whole platform in one command, for development, demos and the end-to-end tests. */
package org.chatapp.apps.local;
