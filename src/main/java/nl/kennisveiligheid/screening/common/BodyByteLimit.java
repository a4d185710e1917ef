package nl.kennisveiligheid.screening.common;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes of a body as they are read, so that the limits of {@link BodySizeLimit} also hold
 * for a body sent in chunks, which carries no Content-Length to check beforehand.
 */
@Provider
public class BodyByteLimit implements ReaderInterceptor {

    @Context
    UriInfo uri;

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        long limit = BodySizeLimit.limitFor(uri.getPath());
        if (limit >= 0) {
            context.setInputStream(new Counting(context.getInputStream(), limit));
        }
        return context.proceed();
    }

    private static final class Counting extends FilterInputStream {

        private final long limit;
        private long read;

        Counting(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new WebApplicationException(BodySizeLimit.tooLarge(limit));
            }
        }
    }
}
