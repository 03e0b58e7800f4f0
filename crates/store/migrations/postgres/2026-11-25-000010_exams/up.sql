-- «Prov»: exam kinds (catalogue data) and the moments they satisfy, exam centres and
-- their examiners («Provförrättare»), sessions («Provtillfällen») and bookings with their
-- results. A moment may now be of kind 'exam' and wait 'awaiting_exam'.
ALTER TABLE moment_templates DROP CONSTRAINT moment_templates_kind_check;
ALTER TABLE moment_templates ADD CONSTRAINT moment_templates_kind_check
  CHECK (kind IN ('file', 'staff', 'exam'));
ALTER TABLE moments DROP CONSTRAINT moments_status_check;
ALTER TABLE moments ADD CONSTRAINT moments_status_check
  CHECK (status IN ('awaiting_file', 'awaiting_review', 'approved', 'not_approved', 'awaiting_exam'));

CREATE TABLE exam_kinds (
  id TEXT PRIMARY KEY NOT NULL,
  code TEXT NOT NULL UNIQUE,
  name_sv TEXT NOT NULL,
  name_en TEXT NOT NULL,
  max_points INTEGER NOT NULL,
  pass_points INTEGER NOT NULL,
  valid_months INTEGER NOT NULL,
  max_attempts INTEGER NOT NULL,
  bring_sv TEXT NOT NULL DEFAULT '',
  bring_en TEXT NOT NULL DEFAULT '',
  sort_order INTEGER NOT NULL DEFAULT 0
);

-- Which moments of which certificate types a passed exam of the kind satisfies.
CREATE TABLE exam_kind_moments (
  exam_kind_id TEXT NOT NULL REFERENCES exam_kinds(id),
  template_id TEXT NOT NULL REFERENCES moment_templates(id),
  PRIMARY KEY (exam_kind_id, template_id)
);
CREATE INDEX exam_kind_moments_template ON exam_kind_moments(template_id);

CREATE TABLE exam_centres (
  id TEXT PRIMARY KEY NOT NULL,
  orgnr TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL CONSTRAINT exam_centres_name_length CHECK (length(name) <= 200),
  address_line1 TEXT NOT NULL DEFAULT '' CONSTRAINT exam_centres_address_line1_length CHECK (length(address_line1) <= 100),
  postal_code TEXT NOT NULL DEFAULT '' CONSTRAINT exam_centres_postal_code_length CHECK (length(postal_code) <= 20),
  city TEXT NOT NULL DEFAULT '' CONSTRAINT exam_centres_city_length CHECK (length(city) <= 100),
  created_at TIMESTAMP NOT NULL
);

-- The exam kinds a centre may hold.
CREATE TABLE exam_centre_kinds (
  centre_id TEXT NOT NULL REFERENCES exam_centres(id),
  exam_kind_id TEXT NOT NULL REFERENCES exam_kinds(id),
  PRIMARY KEY (centre_id, exam_kind_id)
);

-- «Provförrättare»: the persons who hold a centre's sessions.
CREATE TABLE exam_examiners (
  centre_id TEXT NOT NULL REFERENCES exam_centres(id),
  person_id TEXT NOT NULL REFERENCES persons(id),
  created_at TIMESTAMP NOT NULL,
  PRIMARY KEY (centre_id, person_id)
);
CREATE INDEX exam_examiners_person ON exam_examiners(person_id);

-- «Provtillfällen». `booked` counts the open bookings; the guarded increment never lets it
-- pass `seats`, so a session is never overbooked, however many book at once.
CREATE TABLE exam_sessions (
  id TEXT PRIMARY KEY NOT NULL,
  centre_id TEXT NOT NULL REFERENCES exam_centres(id),
  exam_kind_id TEXT NOT NULL REFERENCES exam_kinds(id),
  on_date DATE NOT NULL,
  start_time TEXT NOT NULL CONSTRAINT exam_sessions_start_time_length CHECK (length(start_time) <= 5),
  city TEXT NOT NULL CONSTRAINT exam_sessions_city_length CHECK (length(city) <= 100),
  address TEXT NOT NULL CONSTRAINT exam_sessions_address_length CHECK (length(address) <= 200),
  seats INTEGER NOT NULL,
  booked INTEGER NOT NULL DEFAULT 0,
  last_booking_day DATE NOT NULL,
  last_cancel_day DATE NOT NULL,
  status TEXT NOT NULL CONSTRAINT exam_sessions_status_check CHECK (status IN ('open', 'fixed')),
  fixed_at TIMESTAMP,
  fixed_by TEXT REFERENCES persons(id),
  created_by TEXT NOT NULL REFERENCES persons(id),
  created_at TIMESTAMP NOT NULL,
  CONSTRAINT exam_sessions_seats_check CHECK (booked >= 0 AND booked <= seats)
);
CREATE INDEX exam_sessions_bookable ON exam_sessions(exam_kind_id, status, on_date);
CREATE INDEX exam_sessions_centre ON exam_sessions(centre_id, on_date);
-- Staff list every centre's sessions, newest first.
CREATE INDEX exam_sessions_date ON exam_sessions(on_date);

CREATE TABLE exam_bookings (
  id TEXT PRIMARY KEY NOT NULL,
  session_id TEXT NOT NULL REFERENCES exam_sessions(id),
  person_id TEXT NOT NULL REFERENCES persons(id),
  exam_kind_id TEXT NOT NULL REFERENCES exam_kinds(id),
  status TEXT NOT NULL CONSTRAINT exam_bookings_status_check CHECK (status IN ('booked', 'cancelled', 'done')),
  attendance TEXT CONSTRAINT exam_bookings_attendance_check CHECK (attendance IN ('present', 'absent')),
  points INTEGER,
  passed BOOLEAN NOT NULL DEFAULT FALSE,
  taken_on DATE NOT NULL,
  booked_at TIMESTAMP NOT NULL,
  cancelled_at TIMESTAMP,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX exam_bookings_session ON exam_bookings(session_id);
CREATE INDEX exam_bookings_person ON exam_bookings(person_id, exam_kind_id, taken_on);
-- One open booking per person and exam kind.
CREATE UNIQUE INDEX exam_bookings_one_open ON exam_bookings(person_id, exam_kind_id) WHERE status = 'booked';
