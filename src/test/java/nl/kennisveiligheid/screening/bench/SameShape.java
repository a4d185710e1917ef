package nl.kennisveiligheid.screening.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database's limit for intake's own transaction: pgbench runs, at the same concurrency, a script
 * with the statements one submission makes (the case, read back, its history; for an automated
 * decision also the decision, the case key, the outbox event and a second history row), with the row
 * sizes and the share of automated decisions measured from what intake just wrote. The rows go to
 * copies of the tables (same columns, indexes, constraints and foreign keys) in a schema of their
 * own, so that the relay never sees them.
 */
record SameShape(int requestChars, int assessmentChars, int outboxChars, int reasoningChars, int automatedPercent) {

    private static final List<String> TABLES = List.of("screening_case", "case_history", "decision", "case_key",
            "outbox_event", "subject_link");

    static SameShape measure(String pgbench, String host, String port, String database) throws Exception {
        String row = psql(pgbench, host, port, database, "select"
                + " coalesce(avg(length(c.request)), 0)::int, coalesce(avg(length(c.assessment)), 0)::int,"
                + " (select coalesce(avg(length(body)), 0)::int from outbox_event where type = 'DECISION_RECORDED'),"
                + " (select coalesce(avg(length(reasoning)), 0)::int from decision),"
                + " (100 * (select count(*) from decision) / greatest(count(*), 1))::int"
                + " from screening_case c");
        String[] v = row.strip().split("\\|");
        return new SameShape(Integer.parseInt(v[0]), Integer.parseInt(v[1]), Integer.parseInt(v[2]),
                Integer.parseInt(v[3]), Integer.parseInt(v[4]));
    }

    ObjectNode describe(ObjectNode node) {
        node.put("requestChars", requestChars);
        node.put("assessmentChars", assessmentChars);
        node.put("outboxEventChars", outboxChars);
        node.put("reasoningChars", reasoningChars);
        node.put("automatedPercent", automatedPercent);
        return node;
    }

    double run(String pgbench, String host, String port, String database, int clients, Duration duration)
            throws Exception {
        StringBuilder setup = new StringBuilder("create schema if not exists shape;");
        for (String table : TABLES) {
            setup.append("drop table if exists shape.").append(table).append(" cascade;");
        }
        for (String table : TABLES) {
            setup.append("create table shape.").append(table).append(" (like public.").append(table)
                    .append(" including all);");
        }
        setup.append("alter table shape.case_history add foreign key (case_id) references shape.screening_case (id);")
                .append("alter table shape.decision add foreign key (case_id) references shape.screening_case (id);")
                .append("alter table shape.case_key add foreign key (case_id) references shape.screening_case (id);")
                .append("alter table shape.subject_link add foreign key (case_id) references shape.screening_case (id);")
                .append("alter table shape.screening_case add foreign key (policy_version) references policy_version;");
        psql(pgbench, host, port, database, setup.toString());
        String policy = psql(pgbench, host, port, database, "select version from policy_version limit 1").strip();
        // No colon may stand in a literal: pgbench would read ":name" in it as a variable.
        Path script = Path.of("target/bench/intake-shape.sql");
        Files.createDirectories(script.getParent());
        Files.writeString(script, String.format(Locale.ROOT, """
                \\set n random(1, 2000000000)
                \\set automated random(1, 100)
                begin;
                select pg_advisory_xact_lock_shared(8124301);
                select version from policy_version where status = 'PUBLISHED' and effective_from <= now()
                  order by effective_from desc limit 1;
                insert into shape.screening_case (id, institution, external_reference, request_hash, request, status,
                  policy_version, policy_hash, assessment, received_at, decision_due, due_nominal, updated_at, row_version,
                  retention_kind, retention_starts_at, retention_ends_at)
                  values (gen_random_uuid(), 'demo-university', 'pgbench-' || :n::text || '-' || :client_id::text, repeat('h', 64),
                  repeat('r', %1$d), 'CLEARED', '%6$s', repeat('p', 64), repeat('a', %2$d), now(), now(), current_date, now(), 0,
                  'DECIDED', now(), now())
                  on conflict (institution, external_reference) do nothing returning id as case_id \\gset
                insert into shape.subject_link (case_id, link) values (:case_id, repeat('l', 64));
                select id, status, row_version from shape.screening_case where id = :case_id;
                insert into shape.case_history (case_id, at, actor, action, from_status, to_status)
                  values (:case_id, now(), 'institution' || chr(58) || 'demo-university', 'RECEIVED', 'RECEIVED', 'CLEARED');
                \\if :automated <= %5$d
                insert into shape.decision (id, case_id, outcome, reasoning, conditions, decided_by, decided_at,
                  policy_version, policy_hash, kind) values (gen_random_uuid(), :case_id, 'CLEARED', repeat('x', %4$d),
                  '[]', 'automated', now(), '%6$s', repeat('p', 64), 'AUTOMATED');
                select kek_id, wrapped_key, key_bytes, erased_at from shape.case_key where case_id = :case_id;
                insert into shape.case_key (case_id, kek_id, wrapped_key) values (:case_id, '2026-11', decode(repeat('ab', 60), 'hex'))
                  on conflict (case_id) do nothing;
                select kek_id, wrapped_key, key_bytes, erased_at from shape.case_key where case_id = :case_id;
                insert into shape.outbox_event (event_id, type, record_key, body, created_at)
                  values (gen_random_uuid(), 'DECISION_RECORDED', :case_id, repeat('e', %3$d), now());
                insert into shape.case_history (case_id, at, actor, action, from_status, to_status, reasoning)
                  values (:case_id, now(), 'automated', 'DECIDED_AUTOMATICALLY', 'RECEIVED', 'CLEARED', repeat('x', %4$d));
                \\endif
                end;
                """, requestChars, assessmentChars, outboxChars, reasoningChars, automatedPercent, policy));
        // Prepared statements, as the service's JDBC driver uses them.
        Process process = new ProcessBuilder(pgbench, "-h", host, "-p", port, "-U", "screening", "-n", "-M", "prepared", "-c",
                Integer.toString(clients), "-j", "2", "-T", Long.toString(duration.toSeconds()), "-f", script.toString(),
                database).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher tps = Pattern.compile("tps = ([0-9.]+)").matcher(out);
        if (!tps.find() || out.contains("ERROR")) {
            throw new IllegalStateException("pgbench (same shape) failed:\n" + out);
        }
        return Double.parseDouble(tps.group(1));
    }

    /** Runs SQL as the service's database user; returns the unaligned, tuples-only output. */
    static String psql(String pgbench, String host, String port, String database, String sql) throws Exception {
        String psql = Path.of(pgbench).resolveSibling("psql").toString();
        Process p = new ProcessBuilder(psql, "-h", host, "-p", port, "-U", "screening", "-d", database, "-v",
                "ON_ERROR_STOP=1", "-qAtc", sql).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql failed: " + out);
        }
        return out;
    }
}
