package org.chatapp.apps.gateway.cache;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.chatapp.apps.common.Caller;
import org.chatapp.apps.common.RequestIdFilter;
import org.chatapp.redis.cache.RedisCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Answers the GETs of {@link CacheableRequests} from a cache of the library, shared by every gateway
 * instance, for a few seconds, and evicts what a successful write makes stale before that write's
 * answer reaches its client, so that no reader on any instance sees the old answer afterwards.
 * Runs after the token check: a cached answer is only ever given to a caller with a valid token.
 *
 * <p>A miss is fetched through {@link RedisCache#get(String, org.chatapp.redis.cache.CacheLoader)}:
 * concurrent misses of one key share one fetch in this instance and, by the cache's lease, across
 * instances; and a fetch that began before an eviction does not store its older answer. Only a 200
 * of JSON without {@code Set-Cookie} or a {@code Cache-Control} of the service's that forbids it is
 * cached; any other answer is passed on as it came. Shared answers carry {@code Cache-Control:
 * private, max-age=<ttl>} (the caller may reuse it as long; shared proxies may not, as the request
 * carried a token) and, when served from the cache, {@code Age}. When Redis fails, answers are
 * fetched as if there were no cache (the cache's fail-open policy).
 */
final class ResponseCacheFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ResponseCacheFilter.class);
    /** Larger answers are passed on and not cached: a profile or a 20-profile search is a few KiB. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final RedisCache<CachedResponse> cache;
    private final String cacheControl;
    private final Clock clock;

    ResponseCacheFilter(RedisCache<CachedResponse> cache, Duration ttl, Clock clock) {
        this.cache = cache;
        this.cacheControl = "private, max-age=" + Math.max(1, ttl.toSeconds());
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        if (request.getMethod().equals("GET")) {
            String key = CacheableRequests.keyOf(path, request.getParameterMap());
            if (key != null) {
                serve(key, request, response, chain);
                return;
            }
        }
        CacheableRequests.Invalidation invalidation = CacheableRequests.invalidationOf(request.getMethod(), path,
                request.getHeader(Caller.HEADER));
        if (invalidation == null) {
            chain.doFilter(request, response);
            return;
        }
        // Held until the stale entries are gone: a client told "updated" must not read the old answer next.
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, held);
        if (held.getStatus() >= 200 && held.getStatus() < 300) {
            invalidate(invalidation);
        }
        held.copyBodyToResponse();
    }

    private void serve(String key, HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper[] fetched = new ContentCachingResponseWrapper[1];
        Optional<CachedResponse> answer;
        try {
            answer = cache.get(key, k -> fetch(request, response, chain, fetched));
        } catch (Uncacheable e) {
            if (fetched[0] != null) {
                fetched[0].copyBodyToResponse(); // this request's own answer: status and headers are on it already
            } else {
                e.replay(response); // another request's fetch of the same key, shared while it ran
            }
            return;
        } catch (ChainFailure e) {
            if (e.getCause() instanceof ServletException servlet) {
                throw servlet;
            }
            throw (IOException) e.getCause();
        }
        if (fetched[0] != null) {
            fetched[0].setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
            fetched[0].copyBodyToResponse();
        } else if (answer.isPresent()) {
            write(answer.get(), response);
        } else {
            chain.doFilter(request, response); // nothing cached, nothing fetched: cannot happen without negative caching
        }
    }

    /** The cache's loader: passes the request on, and returns its answer when it may be shared. */
    private CachedResponse fetch(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
            ContentCachingResponseWrapper[] fetched) {
        ContentCachingResponseWrapper capture = new ContentCachingResponseWrapper(response);
        fetched[0] = capture;
        try {
            chain.doFilter(request, capture);
        } catch (IOException | ServletException e) {
            throw new ChainFailure(e);
        }
        if (!shareable(capture)) {
            throw new Uncacheable(capture);
        }
        return new CachedResponse(capture.getContentType(), capture.getContentAsByteArray(), clock.millis());
    }

    static boolean shareable(ContentCachingResponseWrapper answer) {
        String contentType = answer.getContentType();
        String serviceCacheControl = answer.getHeader(HttpHeaders.CACHE_CONTROL);
        return answer.getStatus() == 200 && contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/json")
                && answer.getHeader(HttpHeaders.SET_COOKIE) == null && answer.getContentSize() <= MAX_BODY_BYTES
                && (serviceCacheControl == null || !serviceCacheControl.matches("(?i).*(no-store|no-cache|private).*"));
    }

    private void write(CachedResponse answer, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType(answer.contentType());
        response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        response.setHeader(HttpHeaders.AGE, Long.toString(Math.max(0, (clock.millis() - answer.storedAt()) / 1000)));
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }

    private void invalidate(CacheableRequests.Invalidation invalidation) {
        try {
            invalidation.keys().forEach(cache::evict);
            invalidation.tags().forEach(cache::evictTag);
        } catch (RuntimeException e) {
            // The write is done and cannot be undone: answer it, and let the short TTL end the stale entries.
            log.warn("Cached answers not invalidated after a write; they end with their TTL: {}", e.toString());
        }
    }

    /** An answer that must not be shared: thrown out of the loader so that nothing is stored. */
    private static final class Uncacheable extends RuntimeException {
        /** Not replayed: the request id is each request's own, the others are the connection's. */
        private static final Set<String> NOT_REPLAYED = Set.of(RequestIdFilter.HEADER.toLowerCase(Locale.ROOT), "content-length",
                "transfer-encoding", "connection", "keep-alive");

        private final int status;
        private final Map<String, List<String>> headers = new LinkedHashMap<>();
        private final byte[] body;

        Uncacheable(ContentCachingResponseWrapper answer) {
            super(null, null, false, false);
            this.status = answer.getStatus();
            for (String name : answer.getHeaderNames()) {
                if (!NOT_REPLAYED.contains(name.toLowerCase(Locale.ROOT))) {
                    Collection<String> values = answer.getHeaders(name);
                    headers.put(name, new ArrayList<>(values));
                }
            }
            this.body = answer.getContentAsByteArray();
        }

        /** Writes the answer for another request that waited for the same fetch. */
        void replay(HttpServletResponse response) throws IOException {
            response.setStatus(status);
            headers.forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /** A failure of the filter chain inside the loader, which may throw no checked exception of the servlet's. */
    private static final class ChainFailure extends RuntimeException {
        ChainFailure(Exception cause) {
            super(cause);
        }
    }
}
