-- Every process keeps the session users it has read (lib/auth/session-cache.ts) until it hears that
-- the row changed: a change to a column a session is checked against notifies `user_changes` with
-- the user's id. lastSeenAt and the other bookkeeping columns do not.
-- The body is an E'' string with \073 for each semicolon in it: the migration runner splits its
-- script at every literal semicolon, inside dollar quotes and comments too.
CREATE FUNCTION "notify_user_change"() RETURNS trigger LANGUAGE plpgsql
  AS E'BEGIN PERFORM pg_notify(\'user_changes\', OLD.id)\073 RETURN NULL\073 END';

CREATE TRIGGER "User_session_change"
  AFTER UPDATE OF email, name, plan, "sessionVersion", "suspendedAt", "emailVerified" OR DELETE ON "User"
  FOR EACH ROW EXECUTE FUNCTION "notify_user_change"();
