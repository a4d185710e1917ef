package nl.kennisveiligheid.screening.load;

/**
 * How many requests of one endpoint class may run and wait at once. Unless configured, the running
 * places follow the processors: each running intake request keeps a worker and a database backend
 * busy, and on two cores shared with PostgreSQL twelve of them starved the event loops, which then
 * took many seconds to read, admit or refuse the next requests (at twice intake's capacity, p50 13 s
 * with 12 running; 55 ms with 4). Two per processor keep the processors busy without that.
 */
record Places(int running, int waiting) {

    Places {
        if (running < 1 || waiting < 0) {
            throw new IllegalArgumentException("running places must be at least 1 and waiting places at least 0");
        }
    }

    /** The configured places, with what is unset filled in for {@code processors} processors. */
    static Places of(LoadConfig.Bound bound, int processors) {
        int running = bound.running().orElse(Math.max(1, bound.runningPerProcessor() * processors));
        return new Places(running, bound.waiting().orElse(2 * running));
    }

    /** For the processors this JVM may use now. */
    static Places of(LoadConfig.Bound bound) {
        return of(bound, Runtime.getRuntime().availableProcessors());
    }

    /** Running and waiting together: past this many, a request is refused at once. */
    int total() {
        return running + waiting;
    }
}
