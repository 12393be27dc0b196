-- Compliance tidy-up (decision 0344).
-- A cycle's opening job is found in the jobs table by its payload; job ids are numbers, so this uuid
-- column was never written. It goes, so that nobody reads an empty column as "no job".
ALTER TABLE compliance_cycles DROP COLUMN open_job_id;

-- Migration 0012's comment on the column named three steps; the job records five (decision 0322).
COMMENT ON COLUMN compliance_findings.escalation IS
  'Last reminder or escalation step sent for the finding: 0 none, 1 reminder before the due date (officers), 2 overdue (officers), 3 head (7 days late), 4 authority (21 days late). See decision 0322.';

-- Opening a cycle with carry-over writes hundreds of thousands of answers that point at earlier
-- ones. The foreign key made every such row check and lock (FOR KEY SHARE) the earlier answer, which
-- rewrote the whole earlier cycle's rows; answers are never deleted, and carried_from is written only
-- by the opening job from rows it has just read in the same statement (decision 0345).
ALTER TABLE compliance_answers DROP CONSTRAINT IF EXISTS compliance_answers_carried_from_fkey;
COMMENT ON COLUMN compliance_answers.carried_from IS
  'The earlier answer this one was pre-filled from (not a foreign key: written only by the cycle-opening job from rows it reads in the same statement; answers are never deleted). See decision 0345.';
