/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ordered migrations: entry N takes a database from user_version N to N + 1.
 * Never edit an entry once it has shipped; append a new one. */
static const char * const staple_schema_migrations[] = {
  /* 0 → 1: the first schema */
  "CREATE TABLE sessions ("
  "  id INTEGER PRIMARY KEY,"
  "  title TEXT NOT NULL CHECK (length (title) > 0),"
  "  organisation TEXT NOT NULL DEFAULT '',"
  "  date TEXT NOT NULL DEFAULT '',"
  "  location TEXT NOT NULL DEFAULT '',"
  "  facilitator TEXT NOT NULL DEFAULT '',"
  "  customer TEXT NOT NULL DEFAULT '',"
  "  work_item TEXT NOT NULL DEFAULT '',"
  "  question TEXT NOT NULL DEFAULT '',"
  "  source TEXT NOT NULL DEFAULT '',"
  "  created INTEGER NOT NULL,"
  "  updated INTEGER NOT NULL,"
  "  trashed INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE participants ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  role TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX participants_session ON participants (session_id, position);"
  "CREATE TABLE stages ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  name TEXT NOT NULL DEFAULT '',"
  "  team TEXT NOT NULL DEFAULT '',"
  "  channel TEXT NOT NULL DEFAULT 'internal',"
  "  work_minutes INTEGER NOT NULL DEFAULT 0 CHECK (work_minutes >= 0),"
  "  wait_minutes INTEGER NOT NULL DEFAULT 0 CHECK (wait_minutes >= 0),"
  "  handoff INTEGER NOT NULL DEFAULT 0,"
  "  dropped INTEGER NOT NULL DEFAULT 0,"
  "  customer_feeling INTEGER NOT NULL DEFAULT 0 CHECK (customer_feeling BETWEEN -2 AND 2),"
  "  staff_feeling INTEGER NOT NULL DEFAULT 0 CHECK (staff_feeling BETWEEN -2 AND 2),"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX stages_session ON stages (session_id, position);"
  "CREATE TABLE frictions ("
  "  id INTEGER PRIMARY KEY,"
  "  stage_id INTEGER NOT NULL REFERENCES stages (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  text TEXT NOT NULL DEFAULT '',"
  "  kind TEXT NOT NULL DEFAULT 'process',"
  "  severity INTEGER NOT NULL DEFAULT 3 CHECK (severity BETWEEN 1 AND 5),"
  "  principle TEXT NOT NULL DEFAULT 'none',"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX frictions_stage ON frictions (stage_id, position);"
  "CREATE TABLE votes ("
  "  id INTEGER PRIMARY KEY,"
  "  participant_id INTEGER NOT NULL REFERENCES participants (id) ON DELETE CASCADE,"
  "  friction_id INTEGER NOT NULL REFERENCES frictions (id) ON DELETE CASCADE"
  ");"
  "CREATE INDEX votes_participant ON votes (participant_id);"
  "CREATE INDEX votes_friction ON votes (friction_id);"
  "CREATE TABLE actions ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  text TEXT NOT NULL DEFAULT '',"
  "  owner_id INTEGER REFERENCES participants (id) ON DELETE SET NULL,"
  "  due TEXT NOT NULL DEFAULT '',"
  "  status TEXT NOT NULL DEFAULT 'open'"
  ");"
  "CREATE INDEX actions_session ON actions (session_id, position);"
  "CREATE INDEX actions_owner ON actions (owner_id);"
  "CREATE TABLE action_frictions ("
  "  action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,"
  "  friction_id INTEGER NOT NULL REFERENCES frictions (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  PRIMARY KEY (action_id, friction_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX action_frictions_friction ON action_frictions (friction_id);"
  "CREATE TABLE empowerments ("
  "  id INTEGER PRIMARY KEY,"
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL,"
  "  text TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE INDEX empowerments_session ON empowerments (session_id, position);",

  /* 1 → 2: the facilitated workshop: the phase a session is in, the dots each
   * participant has, the stage the walk-through is at, who abstains from
   * voting, and the time spent per phase */
  "ALTER TABLE sessions ADD COLUMN phase TEXT NOT NULL DEFAULT 'frame';"
  "ALTER TABLE sessions ADD COLUMN dots_per_participant INTEGER NOT NULL DEFAULT 3"
  "  CHECK (dots_per_participant BETWEEN 1 AND 20);"
  "ALTER TABLE sessions ADD COLUMN current_stage_id INTEGER"
  "  REFERENCES stages (id) ON DELETE SET NULL;"
  "CREATE INDEX sessions_current_stage ON sessions (current_stage_id);"
  "ALTER TABLE participants ADD COLUMN abstains INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE phase_times ("
  "  session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,"
  "  phase TEXT NOT NULL,"
  "  seconds INTEGER NOT NULL CHECK (seconds >= 0),"
  "  PRIMARY KEY (session_id, phase)"
  ") WITHOUT ROWID;",

  /* 2 → 3: the library's full-text search, one row per session not in the
   * trash under the session's id, which the store keeps current itself (no
   * triggers: imported files with triggers are refused, and ours must pass);
   * and the link from a session walked again to the walk it repeats */
  "ALTER TABLE sessions ADD COLUMN previous_id INTEGER"
  "  REFERENCES sessions (id) ON DELETE SET NULL;"
  "CREATE VIRTUAL TABLE session_search USING fts5 (title, organisation, body,"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "INSERT INTO session_search (rowid, title, organisation, body)"
  "  SELECT s.id, s.title, s.organisation,"
  "    ifnull ((SELECT group_concat (name || ' ' || team || ' ' || notes, ' ')"
  "      FROM stages WHERE session_id = s.id), '') || ' ' ||"
  "    ifnull ((SELECT group_concat (f.text || ' ' || f.notes, ' ')"
  "      FROM frictions f JOIN stages st ON f.stage_id = st.id"
  "      WHERE st.session_id = s.id), '') || ' ' ||"
  "    ifnull ((SELECT group_concat (text, ' ') FROM actions"
  "      WHERE session_id = s.id), '') || ' ' ||"
  "    ifnull ((SELECT group_concat (text, ' ') FROM empowerments"
  "      WHERE session_id = s.id), '') || ' ' ||"
  "    ifnull ((SELECT group_concat (name || ' ' || role, ' ') FROM participants"
  "      WHERE session_id = s.id), '')"
  "  FROM sessions s WHERE s.trashed = 0;",

  /* 3 → 4: what the coach was in the middle of, so that a crash loses no
   * word: the text being typed into one of the map's in-place editors (at
   * most one per session), and this library's own state, such as the
   * session that was open. Neither is part of a session that is shared. */
  "CREATE TABLE drafts ("
  "  session_id INTEGER PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,"
  "  target TEXT NOT NULL,"
  "  stage_id INTEGER NOT NULL REFERENCES stages (id) ON DELETE CASCADE,"
  "  friction_id INTEGER REFERENCES frictions (id) ON DELETE CASCADE,"
  "  position INTEGER NOT NULL DEFAULT 0,"
  "  text TEXT NOT NULL DEFAULT '',"
  "  updated INTEGER NOT NULL"
  ");"
  "CREATE INDEX drafts_stage ON drafts (stage_id);"
  "CREATE INDEX drafts_friction ON drafts (friction_id);"
  "CREATE TABLE app_state ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;",

  /* 4 → 5: a library of any size, listed and searched at once. Each
   * session keeps its counts, as the library shows them and sorts by them;
   * the store sets them again in every edit's transaction
   * (staple_store_touch_session()) and when it adds a session. Each of the
   * library's orders has an index that holds what its filters look at, so
   * a list is read from the index alone, already in order. The search
   * index keeps every one- and two-letter word start (prefix), as the
   * first letters typed matched so many words that FTS5 merged hundreds of
   * thousands of entries for them; it is made again for that. */
  "ALTER TABLE sessions ADD COLUMN n_stages INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE sessions ADD COLUMN n_frictions INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE sessions ADD COLUMN n_open_actions INTEGER NOT NULL DEFAULT 0;"
  "UPDATE sessions SET"
  "  n_stages = (SELECT count(*) FROM stages WHERE session_id = sessions.id),"
  "  n_frictions = (SELECT count(*) FROM frictions f JOIN stages st ON f.stage_id = st.id"
  "    WHERE st.session_id = sessions.id),"
  "  n_open_actions = (SELECT count(*) FROM actions WHERE session_id = sessions.id"
  "    AND status NOT IN ('done', 'dropped'));"
  "CREATE INDEX sessions_by_date ON sessions"
  "  (trashed, date, created, id, organisation);"
  "CREATE INDEX sessions_by_title ON sessions"
  "  (trashed, title COLLATE NOCASE, title, id, organisation, date);"
  "CREATE INDEX sessions_by_frictions ON sessions"
  "  (trashed, n_frictions, date, id, organisation);"
  "DROP TABLE session_search;"
  "CREATE VIRTUAL TABLE session_search USING fts5 (title, organisation, body,"
  "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2');"
  "INSERT INTO session_search (rowid, title, organisation, body)"
  "  SELECT s.id, s.title, s.organisation,"
  "    ifnull ((SELECT group_concat (name || ' ' || team || ' ' || notes, ' ')"
  "      FROM stages WHERE session_id = s.id), '') || ' ' ||"
  "    ifnull ((SELECT group_concat (f.text || ' ' || f.notes, ' ')"
  "      FROM frictions f JOIN stages st ON f.stage_id = st.id"
  "      WHERE st.session_id = s.id), '') || ' ' ||"
  "    ifnull ((SELECT group_concat (text, ' ') FROM actions"
  "      WHERE session_id = s.id), '') || ' ' ||"
  "    ifnull ((SELECT group_concat (text, ' ') FROM empowerments"
  "      WHERE session_id = s.id), '') || ' ' ||"
  "    ifnull ((SELECT group_concat (name || ' ' || role, ' ') FROM participants"
  "      WHERE session_id = s.id), '')"
  "  FROM sessions s WHERE s.trashed = 0;"
  "DELETE FROM app_state WHERE key >= 'search-stale ' AND key < 'search-stale!';",

  /* 5 → 6: the voters the room makes for phones voting anonymously, which
   * are no people: their dots count, and no list of the people in the
   * room shows them (nor offers them to phones as names, after a restart) */
  ("ALTER TABLE participants ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0"
   "  CHECK (anonymous IN (0, 1));"),

  /* 6 → 7: the day an action was done (YYYY-MM-DD, '' while it is not, or
   * for one done before Staple kept it), for how long the promises took */
  "ALTER TABLE actions ADD COLUMN done_on TEXT NOT NULL DEFAULT '';",

  /* 7 → 8: an organisation's walks found without reading the library
   * through, in the order the leadership review lists them
   * (staple_store_review_organisation(): six queries, each of which read
   * every session's row to pick out an organisation's) */
  ("CREATE INDEX sessions_by_organisation ON sessions"
   "  (organisation, trashed, date, created, id);"),
};

#define STAPLE_SCHEMA_VERSION ((int) G_N_ELEMENTS (staple_schema_migrations))

G_END_DECLS
