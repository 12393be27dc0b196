-- Evidence uploaded on a remediation plan's progress form can name the milestone it proves
-- (decision 0346). Milestones are rewritten by position when the plan is saved, so the link names
-- the milestone's position; NULL is the plan as a whole. One piece of evidence is still attached to
-- a plan once.
ALTER TABLE compliance_poam_evidence ADD COLUMN milestone integer CHECK (milestone BETWEEN 1 AND 20);
COMMENT ON COLUMN compliance_poam_evidence.milestone IS
  'Position of the milestone this evidence is for (1 to 20), or NULL for the plan as a whole. See decision 0346.';
