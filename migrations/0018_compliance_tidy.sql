-- Compliance tidy-up (decision 0344).
-- A cycle's opening job is found in the jobs table by its payload; job ids are numbers, so this uuid
-- column was never written. It goes, so that nobody reads an empty column as "no job".
ALTER TABLE compliance_cycles DROP COLUMN open_job_id;

-- Migration 0012's comment on the column named three steps; the job records five (decision 0322).
COMMENT ON COLUMN compliance_findings.escalation IS
  'Last reminder or escalation step sent for the finding: 0 none, 1 reminder before the due date (officers), 2 overdue (officers), 3 head (7 days late), 4 authority (21 days late). See decision 0322.';
