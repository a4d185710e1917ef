-- Re-screening came with this release. Versions that took effect before it are not replayed one by one
-- over the cases of their time: each gets a completed run with nothing counted, except the version in
-- effect now, which then re-screens once what was received and decided under the versions before it.
insert into rescreening_run (policy_version, status, effective_from, look_back_from, counted, started_at, finished_at)
select v.version, 'COMPLETED', v.effective_from, v.effective_from, 0, now(), now()
  from policy_version v
 where v.status = 'PUBLISHED' and v.effective_from <= now()
   and v.version <> (select c.version from policy_version c where c.status = 'PUBLISHED' and c.effective_from <= now()
                      order by c.effective_from desc limit 1)
   and not exists (select 1 from rescreening_run r where r.policy_version = v.version);
