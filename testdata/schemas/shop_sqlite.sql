-- SQLite flavour
CREATE TABLE orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  placed_at TEXT NOT NULL,
  total REAL CHECK (total >= 0),
  status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped')),
  note TEXT
);
