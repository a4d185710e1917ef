package nl.kennisveiligheid.screening.load;

/**
 * How many requests of one endpoint class may run and wait at once. Unless configured, the running
 * places follow the processors: each running intake request keeps a worker and a database backend
 * busy, and on two cores shared with PostgreSQL twelve of them starved the event loops, which then
 * took many seconds to read, admit or refuse the next requests (at twice intake's capacity, p50 13 s
 * with 12 running; 55 ms with 4). Two per processor keep the processors busy without that.
 */
record Places(int running, int waiting) {

    /**
     * The most running places a class gets by default, whatever the processors: intake, officers and
     * the console (10 each) and replay (4) then take 34 of the database pool's 40, so that a pod
     * without a CPU limit on a large node leaves connections for health checks and the relay.
     */
    static final int MOST_RUNNING_BY_DEFAULT = 10;

    Places {
        if (running < 1 || waiting < 0) {
            throw new IllegalArgumentException("running places must be at least 1 and waiting places at least 0");
        }
    }

    /** The configured places, with what is unset filled in for {@code processors} processors. */
    static Places of(LoadConfig.Bound bound, int processors) {
        int running = bound.running().orElse(
                Math.min(MOST_RUNNING_BY_DEFAULT, Math.max(1, bound.runningPerProcessor() * processors)));
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
