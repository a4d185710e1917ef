package nl.kennisveiligheid.screening.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The compact record of first deliveries against a plain map of strings, which it stands in for. */
class FirstDeliveriesProperties {

    @Property(tries = 60)
    void itAnswersAsAMapOfTheIdsAsWritten(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6000) int deliveries) {
        Random random = new Random(seed);
        List<String> ids = new java.util.ArrayList<>();
        FirstDeliveries first = new FirstDeliveries();
        Map<String, byte[]> reference = new HashMap<>();
        for (int i = 0; i < deliveries; i++) {
            String id;
            int kind = random.nextInt(10);
            if (kind < 3 && !ids.isEmpty()) {
                id = ids.get(random.nextInt(ids.size()));
            } else if (kind == 3 && !ids.isEmpty()) {
                // Another spelling of a UUID already seen is another id.
                id = ids.get(random.nextInt(ids.size())).toUpperCase(Locale.ROOT);
            } else if (kind == 4) {
                id = "event-" + random.nextInt(50);
            } else {
                id = new UUID(random.nextLong(), random.nextLong()).toString();
            }
            ids.add(id);
            byte[] leaf = new byte[32];
            random.nextBytes(leaf);
            assertThat(first.putIfAbsent(id, leaf)).as("delivery %s of %s", i, id).isEqualTo(reference.putIfAbsent(id, leaf));
        }
    }

    @Example
    void onlyTheExactSpellingOfAUuidIsPacked() {
        assertThat(FirstDeliveries.canonicalUuid("0f8fad5b-d9cb-469f-a165-70867728950e")).isTrue();
        assertThat(FirstDeliveries.canonicalUuid("0F8FAD5B-D9CB-469F-A165-70867728950E")).isFalse();
        assertThat(FirstDeliveries.canonicalUuid("0f8fad5b-d9cb-469f-a165-70867728950")).isFalse();
        assertThat(FirstDeliveries.canonicalUuid("0f8fad5bXd9cb-469f-a165-70867728950e")).isFalse();
        assertThat(FirstDeliveries.canonicalUuid("1-1-1-1-1")).isFalse();
    }
}
