-- Step 15 (issue 41): every foreign key is checked when its transaction commits
-- (DEFERRABLE INITIALLY DEFERRED) rather than after each statement.
--
-- Why: the writer runs a group of jobs in one transaction with a savepoint each, and
-- each savepoint is a subtransaction of its own. A check after each statement locks the
-- row it references (`SELECT ... FOR KEY SHARE`) in the job's subtransaction, so the next
-- job's send, which updates the same chat row, made PostgreSQL record both as a
-- multixact on that row; every later read of the row's versions then looked the
-- multixact up (`GetMultiXactIdMembers`, 4 % of all CPU, and a quarter of it in scans of
-- the hot chats and members rows). A message updating its member row also re-checked
-- the row's references on every send, because the row was last written by the same
-- transaction. Checked at commit, each reference is checked once per row and group,
-- locked by the transaction itself: no multixacts. REST sends ran 15-28 % faster
-- (docs/benchmarks.md).
--
-- What changes for natter: a row that references a missing one fails the COMMIT, not
-- the statement. The writer then runs the group's jobs again, each alone
-- (store::pg_writer), so one such job still fails alone. ON DELETE actions (CASCADE,
-- SET NULL) are not deferred by PostgreSQL and still happen with the DELETE.
-- Tables made by later steps declare their references DEFERRABLE INITIALLY DEFERRED. A
-- table with checks pending cannot be altered in the same transaction: a step (or the
-- copy from SQLite) that writes rows and then alters their table runs
-- `SET CONSTRAINTS ALL IMMEDIATE` in between.
DO $$
DECLARE
    fk RECORD;
BEGIN
    FOR fk IN
        SELECT con.conrelid::regclass AS tab, con.conname AS name
          FROM pg_constraint con
          JOIN pg_namespace ns ON ns.oid = con.connamespace
         WHERE con.contype = 'f' AND NOT con.condeferrable AND ns.nspname = current_schema()
    LOOP
        EXECUTE format('ALTER TABLE %s ALTER CONSTRAINT %I DEFERRABLE INITIALLY DEFERRED',
                       fk.tab, fk.name);
    END LOOP;
END
$$;
