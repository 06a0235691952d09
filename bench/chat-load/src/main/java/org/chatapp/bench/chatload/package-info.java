/**
 * The chat platform's load run (issue 13, "Measure"): two instances of chat-local as child JVMs
 * on one local Redis Cluster and one embedded PostgreSQL, WebSocket clients spread over both
 * gateways, messages sent through the REST API at a set rate, and what every receiving socket
 * saw: deliveries per second, end-to-end latency, memory per open connection and where the time
 * goes. {@link org.chatapp.bench.chatload.ChatLoad} is the entry point. Beside the report, the
 * work directory keeps each platform JVM's log and GC log and, per measured step, a timeline of
 * every message ({@code timeline-run<run>-<target>.csv}: planned time, lateness, send and last
 * delivery), so that a latency tail can be laid against what else happened then.
 */
package org.chatapp.bench.chatload;
